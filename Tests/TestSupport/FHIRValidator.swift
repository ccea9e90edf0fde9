import Foundation

/// `scripts/validate-fhir FILE`: fhir.resources, a validator we did not write, with the R4 and R4B models.
public enum FHIRValidator {
    /// Whether the file (a Bundle) is valid FHIR, and what the validator said.
    public static func validate(_ file: String) throws -> (valid: Bool, verdict: String) {
        let validator = Process()
        validator.executableURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/validate-fhir")
        validator.arguments = [file]
        let pipe = Pipe()
        validator.standardOutput = pipe
        try validator.run()
        let verdict = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validator.waitUntilExit()
        return (validator.terminationStatus == 0, verdict)
    }
}
