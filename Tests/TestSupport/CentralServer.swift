import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real `vaxdesk-central` binary serving over loopback on a free port, with its own database and one
/// site added. Stopped (SIGTERM) when the value goes.
public final class CentralServer: @unchecked Sendable {
    public let databasePath: String
    public private(set) var port = 0
    /// The site's token, as `vaxdesk-central site add` printed it.
    public private(set) var token: String
    private var process: Process?

    public static var binary: String {
        URL(fileURLWithPath: BuiltProgram.vaxdesk).deletingLastPathComponent().appendingPathComponent("vaxdesk-central").path
    }

    /// The storage options: a SQLite file, or a PostgreSQL URL.
    private var storage: [String] {
        postgres.map { ["--postgres", $0] } ?? ["--db", databasePath]
    }
    public let postgres: String?

    /// Adds `site` to a new centre database in `directory` (or in PostgreSQL at `postgres`); the server
    /// is started by `start()`.
    /// `databasePath`: where the SQLite file goes (a new name in `directory` when nil).
    public init(
        in directory: TemporaryDirectory, site: String = "91-RG-VTV", postgres: String? = nil, databasePath: String? = nil
    ) throws {
        self.databasePath = databasePath ?? directory.file("central-\(UUID().uuidString.prefix(6)).db")
        self.postgres = postgres
        token = ""
        token = try addSite(site)
    }

    /// A second instance of the service on the same PostgreSQL database (no site added).
    public init(sharing other: CentralServer, in directory: TemporaryDirectory) {
        databasePath = other.databasePath
        postgres = other.postgres
        token = other.token
    }

    /// The site's token in a file readable by its owner only, as `vaxdesk sync --token-file` reads it.
    public func tokenFile(in directory: TemporaryDirectory) -> String {
        let path = directory.file("token")
        FileManager.default.createFile(atPath: path, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
        return path
    }

    /// Adds another site to the same centre (with the area options given); returns its token.
    public func addSite(_ name: String, _ options: [String] = []) throws -> String {
        try command(["site", "add", name] + options)
    }

    /// Adds an officer (`--national`, `--province 91`…); returns the token.
    public func addOfficer(_ name: String, _ options: [String]) throws -> String {
        try command(["officer", "add", name] + options)
    }

    /// Runs `vaxdesk-central ARGUMENTS` on this centre's storage; what it printed, trimmed.
    public func command(_ arguments: [String]) throws -> String {
        try commandWithStatus(arguments).output
    }

    /// Runs `vaxdesk-central ARGUMENTS` on this centre's storage; its exit status and what it printed.
    public func commandWithStatus(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments + storage
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Starts serving (on the port it had before when restarted) and waits until it listens.
    /// `options`: more of `serve`'s (`--idle-timeout 1`).
    public func start(rateLimit: Double = 0, options: [String] = []) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", "--port", String(port), "--rate-limit", String(rateLimit)] + options + storage
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Only the child writes: its exit must end our read.
        try? pipe.fileHandleForWriting.close()
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

    /// Stops the service: SIGTERM by default, or `signal` (SIGKILL for a machine that lost power).
    public func stop(signal: Int32 = SIGTERM) {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        self.process = nil
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The most memory the serving process has held (`VmHWM`), in megabytes.
    public var peakResidentMB: Int? {
        guard let process,
              let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kilobytes / 1024
    }

    deinit { stop() }
}
