import Foundation

/// `scripts/verify-hc1 TRUST-LIST HC1`: an HC1 certificate checked by libraries we did not write (cbor2,
/// pycose, base45, cryptography), against the trust list the centre published.
public enum HC1Verifier {
    /// What the verifier read: `valid`, its `reason` when not, and the DCC fields of the latest dose.
    public static func verify(_ hc1: String, trustList: String) throws -> [String: Any] {
        let verifier = Process()
        verifier.executableURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/verify-hc1")
        verifier.arguments = [trustList, hc1]
        let pipe = Pipe()
        verifier.standardOutput = pipe
        try verifier.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        verifier.waitUntilExit()
        return (try? JSONSerialization.jsonObject(with: output) as? [String: Any]) ?? ["valid": false, "reason": String(decoding: output, as: UTF8.self)]
    }
}
