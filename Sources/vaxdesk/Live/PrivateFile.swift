import Foundation

/// A file with personal data (a certificate, refused roster rows with their CCCDs, an export): written
/// whole beside its final name with mode 0600, then renamed over it, so that nobody else on the machine
/// can read it at any moment, and a reader never sees half of it.
enum PrivateFile {
    static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            // The mode given to open() is masked by the umask; this one is not.
            guard fchmod(fd, 0o600) == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    static func write(_ text: String, to path: String) throws { try write(Data(text.utf8), to: path) }
}
