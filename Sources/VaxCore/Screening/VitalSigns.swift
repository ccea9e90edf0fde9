import Foundation

/// The vital signs taken at screening, and which of them are outside the thresholds of DOMAIN.md that
/// make checklist item 10 (abnormal vital signs) "Có": temperature < 35.5 or > 37.5 °C; pulse < 60 or
/// > 100/min; systolic < 90 or > 140 and/or diastolic < 60 or > 90 mmHg; respiratory rate > 25/min.
public struct VitalSigns: Hashable, Sendable, Codable {
    public var temperature: Double?
    public var pulse: Int?
    public var systolic: Int?
    public var diastolic: Int?
    public var respiratoryRate: Int?

    public init(temperature: Double? = nil, pulse: Int? = nil, systolic: Int? = nil, diastolic: Int? = nil,
                respiratoryRate: Int? = nil) {
        self.temperature = temperature
        self.pulse = pulse
        self.systolic = systolic
        self.diastolic = diastolic
        self.respiratoryRate = respiratoryRate
    }

    public enum Sign: String, CaseIterable, Hashable, Sendable {
        case temperature, pulse, bloodPressure, respiratoryRate
    }

    /// The signs outside their thresholds, in a fixed order.
    public var abnormal: [Sign] {
        var signs: [Sign] = []
        if let temperature, temperature < 35.5 || temperature > 37.5 { signs.append(.temperature) }
        if let pulse, pulse < 60 || pulse > 100 { signs.append(.pulse) }
        let systolicOff = systolic.map { $0 < 90 || $0 > 140 } ?? false
        let diastolicOff = diastolic.map { $0 < 60 || $0 > 90 } ?? false
        if systolicOff || diastolicOff { signs.append(.bloodPressure) }
        if let respiratoryRate, respiratoryRate > 25 { signs.append(.respiratoryRate) }
        return signs
    }

    public var isEmpty: Bool { self == VitalSigns() }

    /// The form's fields: what the screening doctor types.
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case temperature, pulse, systolic, diastolic, respiratoryRate
    }

    /// Reads typed values ("37,8" or "37.8" for the temperature); a value that is not a number, or is
    /// not a plausible measurement of a living person, is a field to fix. Empty fields stay unmeasured.
    public static func read(_ values: [Field: String]) -> Result<VitalSigns, Invalid> {
        var signs = VitalSigns()
        var wrong: [Field] = []
        func number(_ field: Field, in range: ClosedRange<Double>) -> Double? {
            let text = (values[field] ?? "").trimmed.replacingOccurrences(of: ",", with: ".")
            guard !text.isEmpty else { return nil }
            guard let value = Double(text), range.contains(value) else {
                wrong.append(field)
                return nil
            }
            return value
        }
        signs.temperature = number(.temperature, in: 30...45)
        signs.pulse = number(.pulse, in: 20...250).map { Int($0) }
        signs.systolic = number(.systolic, in: 40...300).map { Int($0) }
        signs.diastolic = number(.diastolic, in: 20...200).map { Int($0) }
        signs.respiratoryRate = number(.respiratoryRate, in: 4...80).map { Int($0) }
        return wrong.isEmpty ? .success(signs) : .failure(Invalid(fields: wrong))
    }

    public struct Invalid: Error, Hashable, Sendable {
        public let fields: [Field]
    }

    /// The typed form of the values, for a form to start from.
    public var formValues: [Field: String] {
        var values: [Field: String] = [:]
        if let temperature { values[.temperature] = String(format: "%.1f", temperature) }
        if let pulse { values[.pulse] = String(pulse) }
        if let systolic { values[.systolic] = String(systolic) }
        if let diastolic { values[.diastolic] = String(diastolic) }
        if let respiratoryRate { values[.respiratoryRate] = String(respiratoryRate) }
        return values
    }
}
