import Foundation
import Logging

/// A swift-log handler that appends lines to a file: the terminal belongs to the interface, so logs
/// never go to stdout or stderr while a desk is open. Messages carry ids, never names or numbers of
/// people.
struct FileLogHandler: LogHandler {
    private let sink: Sink
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    final class Sink: @unchecked Sendable {
        private let handle: FileHandle?
        private let lock = NSLock()

        init(path: String) {
            let url = URL(fileURLWithPath: path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            handle = FileHandle(forWritingAtPath: path)
            handle?.seekToEndOfFile()
        }

        /// Lines that could not be written (a full or failing disk) since the last that could.
        private var dropped = 0

        /// Appends the line. A log never stops the desk: on a full disk the line is dropped (the
        /// throwing write, not `write(_:)`, which traps on ENOSPC), and the first line written once the
        /// disk has room again says how many were lost.
        func write(_ line: String) {
            lock.lock()
            defer { lock.unlock() }
            guard let handle else { return }
            do {
                if dropped > 0 {
                    try handle.write(contentsOf: Data("(\(dropped) log lines dropped: the disk was full or failing)\n".utf8))
                    dropped = 0
                }
                try handle.write(contentsOf: Data(line.utf8))
            } catch {
                dropped += 1
            }
        }
    }

    init(label: String, sink: Sink) {
        self.sink = sink
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let extra = merged.isEmpty ? "" : " " + merged.map { "\($0)=\($1)" }.sorted().joined(separator: " ")
        let stamp = ISO8601DateFormatter().string(from: Date())
        sink.write("\(stamp) \(event.level) \(event.message)\(extra)\n")
    }

    /// Sends every logger of the process to `path`.
    static func bootstrap(path: String) {
        let sink = Sink(path: path)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink) }
    }
}
