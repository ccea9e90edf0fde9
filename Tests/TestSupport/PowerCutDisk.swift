import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A disk that can lose power: `Tests/Tools/powercutfs.c`, a FUSE pass-through mounted for the test.
///
/// Programs write under `mountPoint`. What they write is in the machine's cache (the volatile tree)
/// until they fsync a file; only then does it reach the platter (the durable tree). `cutPower()` stops
/// everything from becoming durable; after `unmount()`, `restart(inspecting:)` gives the machine the
/// platter only, as a real restart after a power cut would. Needs root, `/dev/fuse`, a C compiler and libfuse3's
/// headers (`scripts/install-packages` installs them).
public final class PowerCutDisk: @unchecked Sendable {
    public let mountPoint: String
    let volatileTree: String
    let durableTree: String
    private var daemon: Process?
    /// The daemon's stderr, where it says "power cut" once nothing more gets through.
    private var daemonSays: FileHandle?
    private let folder: TemporaryDirectory

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    public init() throws {
        folder = TemporaryDirectory("power-cut")
        mountPoint = folder.file("mnt")
        volatileTree = folder.file("cache")
        durableTree = folder.file("platter")
        for tree in [mountPoint, volatileTree, durableTree] {
            try FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
        }
        _ = try Self.binary()
    }

    /// The path of `name` as programs see it while mounted.
    public func file(_ name: String) -> String { mountPoint + "/" + name }

    /// Puts `files` on the disk as if they had been synced long ago (on the platter and in the cache).
    public func install(_ files: [String]) throws {
        for file in files where FileManager.default.fileExists(atPath: file) {
            let name = URL(fileURLWithPath: file).lastPathComponent
            for tree in [volatileTree, durableTree] {
                try? FileManager.default.removeItem(atPath: tree + "/" + name)
                try FileManager.default.copyItem(atPath: file, toPath: tree + "/" + name)
            }
        }
    }

    public func mount() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        process.arguments = [volatileTree, durableTree, mountPoint]
        process.standardOutput = FileHandle.nullDevice
        let says = Pipe()
        process.standardError = says
        try process.run()
        try? says.fileHandleForWriting.close()
        daemon = process
        daemonSays = says.fileHandleForReading
        let target = URL(fileURLWithPath: mountPoint).resolvingSymlinksInPath().path
        for _ in 0..<200 {
            let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
            if mounts.split(separator: "\n").contains(where: { $0.split(separator: " ").dropFirst().first == Substring(target) }) {
                return
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw Unavailable(description: "powercutfs did not mount \(mountPoint) (is /dev/fuse there, and are we root?)")
    }

    /// From now on nothing written reaches the platter, and every write and sync fails: returns once
    /// the filesystem says the cut is in force (throws if it has not said so within five seconds).
    public func cutPower() throws {
        guard let daemon, daemon.isRunning, let daemonSays else {
            throw Unavailable(description: "powercutfs is not running: no power to cut")
        }
        kill(daemon.processIdentifier, SIGUSR1)
        var said = Data()
        var waiting = pollfd(fd: daemonSays.fileDescriptor, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(5)
        while !String(decoding: said, as: UTF8.self).contains("power cut") {
            guard Date() < deadline else { throw Unavailable(description: "powercutfs did not cut the power") }
            guard poll(&waiting, 1, 100) > 0 else { continue }
            let chunk = daemonSays.availableData
            if chunk.isEmpty { throw Unavailable(description: "powercutfs ended before cutting the power") }
            said.append(chunk)
        }
    }

    /// Unmounts once the programs using the disk are gone (a few tries while they close their files).
    public func unmount() {
        guard let daemon else { return }
        for attempt in 0..<50 {
            if Self.shell("umount \(Self.quoted(mountPoint)) 2>/dev/null") == 0 { break }
            if attempt == 49 { _ = Self.shell("umount -l \(Self.quoted(mountPoint))") }
            usleep(100_000)
        }
        daemon.waitUntilExit()
        self.daemon = nil
        daemonSays = nil
    }

    /// The machine starts again after the cut (call it unmounted): `inspect` gets the platter's
    /// folder, as the restarted machine finds it, and may open and recover the files there; then the
    /// cache is made the platter's copy, for the next round. The shared-memory index of a WAL database
    /// is not data (SQLite rebuilds it) and is dropped, since after a power cut it would be arbitrary.
    public func restart(inspecting inspect: (String) throws -> Void = { _ in }) throws {
        let files = FileManager.default
        for name in try files.contentsOfDirectory(atPath: durableTree) where name.hasSuffix("-shm") {
            try files.removeItem(atPath: durableTree + "/" + name)
        }
        try inspect(durableTree)
        try files.removeItem(atPath: volatileTree)
        try files.copyItem(atPath: durableTree, toPath: volatileTree)
    }

    deinit { unmount() }

    // MARK: Building the filesystem

    nonisolated(unsafe) private static var built: Result<String, Unavailable>?
    private static let buildLock = NSLock()

    /// Compiles powercutfs once per test process.
    static func binary() throws -> String {
        buildLock.lock()
        defer { buildLock.unlock() }
        if built == nil {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Tools/powercutfs.c").path
            let output = NSTemporaryDirectory() + "powercutfs-\(getpid())"
            let status = shell(
                "cc -O2 -Wall -o \(quoted(output)) \(quoted(source)) $(pkg-config --cflags --libs fuse3) 2>&1 >/dev/null")
            built = status == 0 && access("/dev/fuse", R_OK | W_OK) == 0
                ? .success(output)
                : .failure(Unavailable(description: "powercutfs could not be built or /dev/fuse is missing (libfuse3-dev, fuse3)"))
        }
        return try built!.get()
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    static func shell(_ command: String) -> Int32 {
        Spawn.status(["/bin/sh", "-c", command])
    }
}
