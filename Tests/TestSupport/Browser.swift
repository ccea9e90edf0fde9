import Foundation

/// `scripts/browse`: Debian's headless Chromium, driven over the DevTools protocol. Signs in to the
/// dashboard with a token (from a file of mode 0600), then loads each page and keeps a 1366×768
/// screenshot and what the page says.
public enum Browser {
    /// What the browser read of one page.
    public struct Page: Decodable {
        public struct Figure: Decodable {
            public let caption: String
            public let svg: Int
            public let bars: Int
            public let tables: Int
        }

        public let url: String
        public let title: String
        public let text: String
        public let figures: [Figure]
        public let tables: Int
        public let links: [String?]
        /// The screenshot's file.
        public var screenshot = ""

        enum CodingKeys: String, CodingKey { case url, title, text, figures, tables, links }
    }

    /// Signs in at `base` with the token in `tokenFile`, then reads each of `paths`.
    public static func read(_ base: String, token: String, paths: [String], in directory: TemporaryDirectory) throws -> [Page] {
        let tokenFile = directory.file("browser-token-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: tokenFile, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])
        let out = directory.file("browser-\(UUID().uuidString)")
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/browse")
        browser.arguments = [base, tokenFile, out] + paths
        let errors = Pipe()
        browser.standardError = errors
        try browser.run()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        browser.waitUntilExit()
        guard browser.terminationStatus == 0 else { throw BrowserFailed(message: said) }
        return try paths.indices.map { index in
            var page = try JSONDecoder().decode(Page.self, from: Data(contentsOf: URL(fileURLWithPath: "\(out)/\(index).json")))
            page.screenshot = "\(out)/\(index).png"
            return page
        }
    }

    public struct BrowserFailed: Error, CustomStringConvertible {
        public let message: String
        public var description: String { "scripts/browse failed: \(message)" }
    }
}
