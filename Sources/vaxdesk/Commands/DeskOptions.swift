import ArgumentParser
import Foundation

/// Options of a desk's interface (`vaxdesk open`, `vaxdesk demo`).
struct DeskOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Lock the desk after this long without a key: 5m (default), 90s, 0 for never. Also $VAXDESK_IDLE_LOCK.")
    var idleLock: String = ProcessInfo.processInfo.environment["VAXDESK_IDLE_LOCK"] ?? "5m"

    /// With a centre configured, the desk pushes the outbox too (when no other process holds the lease).
    @OptionGroup var central: CentralOptions

    /// The site lead's desk (or the sync service) may take the site's backups.
    @OptionGroup var backup: BackupOptions

    /// The idle time before the desk locks, nil for never.
    var idleLockInterval: TimeInterval? {
        guard let seconds = Self.seconds(idleLock), seconds > 0 else { return nil }
        return seconds
    }

    mutating func validate() throws {
        guard Self.seconds(idleLock) != nil else {
            throw ValidationError("--idle-lock takes a duration such as 5m, 90s or 0, not '\(idleLock)'.")
        }
    }

    /// "5m", "90s", "90" (seconds), "0".
    static func seconds(_ text: String) -> TimeInterval? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasSuffix("m"), let minutes = Double(text.dropLast()), minutes >= 0 { return minutes * 60 }
        if text.hasSuffix("s"), let seconds = Double(text.dropLast()), seconds >= 0 { return seconds }
        if let seconds = Double(text), seconds >= 0 { return seconds }
        return nil
    }
}
