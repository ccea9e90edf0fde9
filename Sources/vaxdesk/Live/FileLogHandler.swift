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

        func write(_ line: String) {
            lock.lock()
            defer { lock.unlock() }
            handle?.write(Data(line.utf8))
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
