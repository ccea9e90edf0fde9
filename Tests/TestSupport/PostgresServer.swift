import Foundation

/// A PostgreSQL server of the test's own: a new cluster in a temporary folder, listening on loopback on
/// a free port, stopped and removed when the value goes. PostgreSQL refuses to run as root: as root the
/// cluster belongs to the `postgres` account and its commands run as that account.
public final class PostgresServer: @unchecked Sendable {
    public let port: Int
    let dataDirectory: String
    let folder: TemporaryDirectory
    let binaries: String

    /// `postgres://vaxdesk@127.0.0.1:PORT/central`.
    public var url: String { "postgres://vaxdesk@127.0.0.1:\(port)/central" }

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    public init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.compactMap(Int.init).max() else {
            throw Unavailable(description: "PostgreSQL is not installed (scripts/install-packages installs it)")
        }
        binaries = "/usr/lib/postgresql/\(version)/bin"
        folder = TemporaryDirectory("postgres")
        dataDirectory = folder.file("data")
        port = Self.freePort()
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        try run("\(binaries)/initdb -D \(dataDirectory) -U vaxdesk --auth=trust -E UTF8 --no-locale")
        try run("\(binaries)/pg_ctl -D \(dataDirectory) -l \(folder.file("log")) -w -o '-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off' start")
        try run("\(binaries)/createdb -h 127.0.0.1 -p \(port) -U vaxdesk central")
    }

    /// What `psql` prints for `sql` on the test database (unaligned, tuples only).
    public func psql(_ sql: String) -> String {
        Spawn.output([binaries + "/psql", "-h", "127.0.0.1", "-p", String(port), "-U", "vaxdesk", "-d", "central", "-At", "-c", sql])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a shell command, as `postgres` when this process is root. Through posix_spawn and waitpid:
    /// Foundation's Process would wait for the server `pg_ctl` leaves running (see `Spawn`).
    private func run(_ command: String) throws {
        let arguments = geteuid() == 0 ? ["/bin/su", "postgres", "-s", "/bin/bash", "-c", command] : ["/bin/bash", "-c", command]
        let status = Spawn.status(arguments)
        guard status == 0 else { throw Unavailable(description: "`\(command)` failed with status \(status)") }
    }

    static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        try? run("\(binaries)/pg_ctl -D \(dataDirectory) -m immediate -w stop")
    }
}
