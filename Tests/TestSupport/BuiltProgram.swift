import Foundation

/// The `vaxdesk` binary the package manager built beside the test bundle, run as a real process.
public enum BuiltProgram {
    public static var vaxdesk: String {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // The test bundle may sit in `X.xctest/` or be the binary itself.
        if folder.lastPathComponent.hasSuffix(".xctest") { folder = folder.deletingLastPathComponent() }
        return folder.appendingPathComponent("vaxdesk").path
    }

    /// Runs the program to its end; returns its exit status and what it printed on stdout.
    @discardableResult
    /// `input`: what the program reads on standard input (a staff PIN for the commands that act for
    /// someone); nothing when nil, never the test runner's own terminal.
    public static func run(
        _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: vaxdesk)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let stdin = Pipe()
        process.standardInput = stdin
        // A program that exits before reading its input must not take the test runner with it.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        try? stdin.fileHandleForWriting.write(contentsOf: Data((input ?? "").utf8))
        try? stdin.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
