import Foundation

/// The real `vaxdesk-central` binary serving over loopback on a free port, with its own database and one
/// site added. Stopped (SIGTERM) when the value goes.
public final class CentralServer: @unchecked Sendable {
    public let databasePath: String
    public private(set) var port = 0
    /// The site's token, as `vaxdesk-central site add` printed it.
    public let token: String
    private var process: Process?

    public static var binary: String {
        URL(fileURLWithPath: BuiltProgram.vaxdesk).deletingLastPathComponent().appendingPathComponent("vaxdesk-central").path
    }

    /// Adds `site` to a new centre database in `directory`; the server is started by `start()`.
    public init(in directory: TemporaryDirectory, site: String = "91-RG-VTV") throws {
        databasePath = directory.file("central-\(UUID().uuidString.prefix(6)).db")
        token = try Self.addSite(site, database: databasePath)
    }

    /// Adds another site to the same centre; returns its token.
    public func addSite(_ name: String) throws -> String { try Self.addSite(name, database: databasePath) }

    static func addSite(_ name: String, database: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["site", "add", name, "--db", database]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts serving (on the port it had before when restarted) and waits until it listens.
    public func start(rateLimit: Double = 0) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--db", databasePath, "--port", String(port), "--rate-limit", String(rateLimit)]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // The first line: "listening on http://127.0.0.1:PORT".
        var line = Data()
        let handle = pipe.fileHandleForReading
        while !line.contains(0x0A) {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw CocoaError(.fileReadUnknown) }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let found = text.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else { throw CocoaError(.fileReadCorruptFile) }
        port = found
    }

    public func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit { stop() }
}
