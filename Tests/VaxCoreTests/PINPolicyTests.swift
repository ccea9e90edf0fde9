import Foundation
import Testing
import VaxCore

@Suite("PIN rules")
struct PINPolicyTests {
    @Test("a PIN is 4 to 8 ASCII digits", arguments: [
        ("1234", true), ("12345678", true), ("123", false), ("123456789", false), ("12a4", false), ("", false),
        ("١٢٣٤", false), ("12 34", false),
    ])
    func wellFormed(pin: String, valid: Bool) {
        #expect(PINPolicy.isWellFormed(pin) == valid)
    }

    @Test("no lock before the fifth wrong PIN; then one minute, doubling, at most a day")
    func lockSchedule() {
        #expect((0...4).allSatisfy { PINPolicy.lockDuration(afterFailures: $0) == nil })
        #expect(PINPolicy.lockDuration(afterFailures: 5) == 60)
        #expect(PINPolicy.lockDuration(afterFailures: 6) == 120)
        #expect(PINPolicy.lockDuration(afterFailures: 10) == TimeInterval(60 * 32))
        #expect(PINPolicy.lockDuration(afterFailures: 16) == TimeInterval(24 * 3600))
        #expect(PINPolicy.lockDuration(afterFailures: 1_000) == TimeInterval(24 * 3600))
        // 10,000 four-digit PINs at this pace: the sum of the locks is years.
        let total = (5..<10_000).reduce(0.0) { $0 + PINPolicy.lockDuration(afterFailures: $1)! }
        #expect(total > 20 * 365 * 24 * 3600)
    }
}
