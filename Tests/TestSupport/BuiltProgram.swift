import Foundation
import Synchronization

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
    /// `input`: what the program reads on standard input (a staff PIN for the commands that act for
    /// someone); nothing when nil, never the test runner's own terminal.
    @discardableResult
    public static func run(
        _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String) {
        let (status, output, _) = try runWithErrors(arguments, input: input, environment: environment)
        return (status, output)
    }

    /// As `run`, with what the program printed on stderr too.
    public static func runWithErrors(
        _ arguments: [String], input: String? = nil, environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: vaxdesk)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        let errors = Pipe()
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = stdin
        // A program that exits before reading its input must not take the test runner with it.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        try? stdin.fileHandleForWriting.write(contentsOf: Data((input ?? "").utf8))
        try? stdin.fileHandleForWriting.close()
        // stderr is read on its own thread: a program that fills one pipe while we wait on the other
        // must not hang.
        let errorText = Mutex(Data())
        let reader = Thread { errorText.withLock { $0 = errors.fileHandleForReading.readDataToEndOfFile() } }
        reader.start()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(1_000) }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self),
                String(decoding: errorText.withLock { $0 }, as: UTF8.self))
    }
}
