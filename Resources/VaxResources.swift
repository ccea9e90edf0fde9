import Foundation

/// Where the data files of `Resources/data` are, once built.
///
/// The files are copied beside the binary by the package manager, so the program finds them whatever
/// its working directory. `VAXDESK_RESOURCES` points at another `data` folder (a site's own catalog).
public enum VaxResources {
    public struct MissingFile: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "resource file not found: \(path)" }
    }

    public static var dataDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["VAXDESK_RESOURCES"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return Bundle.module.bundleURL.appendingPathComponent("data", isDirectory: true)
    }

    /// The bytes of one data file, by its path under `data/` (for example `vaccines.json`).
    public static func data(_ relativePath: String) throws -> Data {
        let url = dataDirectory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw MissingFile(path: url.path)
        }
        return data
    }
}
