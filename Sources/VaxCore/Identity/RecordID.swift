import Foundation
import Synchronization

extension UUID {
    /// A new record identifier: a version 7 UUID (RFC 9562), the time in milliseconds first, then a
    /// counter within the millisecond, then random bits.
    ///
    /// Why not `UUID()`: records are keyed by their UUID, and random keys scatter every insert across
    /// the primary-key index (a million-row import spends its time moving through the B-tree), while
    /// time-ordered keys append. And `UUID()` on Linux opens /dev/urandom for each one.
    public static func timeOrdered() -> UUID {
        RecordIDClock.shared.next()
    }
}

/// The state behind `UUID.timeOrdered()`: the last millisecond used and a counter, so that identifiers
/// made in one process increase even within a millisecond.
final class RecordIDClock: Sendable {
    static let shared = RecordIDClock()

    private struct State {
        var millisecond: UInt64 = 0
        var counter: UInt16 = 0
        /// SplitMix64, seeded once from the system's generator: the random bits only tell apart
        /// identifiers made in the same millisecond by different processes, and a system call for each
        /// would cost more than the rest of a row's import.
        var seed: UInt64 = {
            var system = SystemRandomNumberGenerator()
            return system.next()
        }()

        mutating func random() -> UInt64 {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private let state = Mutex(State())

    func next() -> UUID {
        let now = UInt64(Date().timeIntervalSince1970 * 1000)
        let (millisecond, counter, tail) = state.withLock { state -> (UInt64, UInt16, UInt64) in
            if now > state.millisecond {
                state.millisecond = now
                state.counter = UInt16(truncatingIfNeeded: state.random() & 0x3FF)
            } else if state.counter < 0x0FFF {
                state.counter += 1
            } else {
                // 4,096 identifiers in one millisecond: borrow the next millisecond.
                state.millisecond += 1
                state.counter = 0
            }
            return (state.millisecond, state.counter, state.random())
        }
        let version = 0x7000 | UInt16(counter & 0x0FFF)
        let variant = (tail & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        func byte(_ value: UInt64, _ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> shift) }
        return UUID(uuid: (
            byte(millisecond, 40), byte(millisecond, 32), byte(millisecond, 24), byte(millisecond, 16),
            byte(millisecond, 8), byte(millisecond, 0), UInt8(version >> 8), UInt8(truncatingIfNeeded: version),
            byte(variant, 56), byte(variant, 48), byte(variant, 40), byte(variant, 32),
            byte(variant, 24), byte(variant, 16), byte(variant, 8), byte(variant, 0)))
    }
}

extension UUID {
    /// `uuidString` without going through `sprintf` (as Linux's libuuid does): the same upper-case text,
    /// written for every row of an import.
    public var text: String {
        let hex = Array("0123456789ABCDEF".utf8)
        return withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { buffer in
                var out = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[out] = UInt8(ascii: "-")
                        out += 1
                    }
                    buffer[out] = hex[Int(byte >> 4)]
                    buffer[out + 1] = hex[Int(byte & 0x0F)]
                    out += 2
                }
                return out
            }
        }
    }
}
