import Foundation

/// A folder of its own under the system's temporary directory, removed when the value goes.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "vaxdesk-test") {
        path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
