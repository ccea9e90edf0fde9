/// Comparing secrets (a PIN's hash, a site token's hash) in a time that does not depend on where the
/// first differing byte is, so that timing tells an attacker nothing.
public enum ConstantTime {
    public static func equal(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
