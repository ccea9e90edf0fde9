import Foundation

/// The rules of staff PINs: what a PIN looks like and how long wrong ones lock an account.
public enum PINPolicy {
    /// A PIN is 4 to 8 digits (ASCII: a desk's keypad, whatever the keyboard layout).
    public static func isWellFormed(_ pin: String) -> Bool {
        (4...8).contains(pin.utf8.count) && pin.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Wrong PINs in a row allowed before the account locks.
    public static let failuresBeforeLock = 5

    /// How long the account stays locked after `failures` wrong PINs in a row: none before the fifth,
    /// then one minute, doubling with each further wrong PIN, up to a day. A 4-digit PIN has 10,000
    /// values; with this schedule trying them all takes years, whatever the hash.
    ///
    /// A site lead's lock stops growing at `siteLeadLockCap`: whoever sends wrong PINs in their name
    /// must not lock the site out of its only account that resets PINs for a day.
    public static func lockDuration(afterFailures failures: Int, siteLead: Bool = false) -> TimeInterval? {
        guard failures >= failuresBeforeLock else { return nil }
        let doublings = min(failures - failuresBeforeLock, 11)
        return min(60 * pow(2, Double(doublings)), siteLead ? siteLeadLockCap : 24 * 3600)
    }

    /// The longest a site lead's account stays locked.
    public static let siteLeadLockCap: TimeInterval = 10 * 60
}

/// Why a sign-in was refused.
public enum SignInRefusal: Error, Hashable, Sendable {
    /// No active staff member has this code.
    case unknownCode
    /// The staff member has no PIN yet: the site lead sets one.
    case noPIN
    /// The PIN is wrong; `attemptsLeft` before the account locks.
    case wrongPIN(attemptsLeft: Int)
    /// Too many wrong PINs: no PIN is tried before `until`.
    case locked(until: Date)
    /// Not 4 to 8 digits: not tried, and not counted as a wrong PIN.
    case malformedPIN

    public var messageKey: String {
        switch self {
        case .unknownCode: "signIn.unknownCode"
        case .noPIN: "signIn.noPIN"
        case .wrongPIN: "signIn.wrongPIN"
        case .locked: "signIn.locked"
        case .malformedPIN: "error.malformedPIN"
        }
    }
}

extension Strings {
    /// A refused sign-in's message in this language; a lock's end is told in `timeZone`.
    public func message(for refusal: SignInRefusal, timeZone: TimeZone) -> String {
        switch refusal {
        case .wrongPIN(let left): return text(refusal.messageKey, ["n": String(left)])
        case .locked(let until):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: until)
            return text(refusal.messageKey, [
                "time": String(format: "%02d:%02d:%02d", c.hour!, c.minute!, c.second!),
                "date": String(format: "%02d/%02d/%04d", c.day!, c.month!, c.year!),
            ])
        case .unknownCode, .noPIN, .malformedPIN: return text(refusal.messageKey, [:])
        }
    }
}
