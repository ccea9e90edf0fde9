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

    /// Signs within every threshold: what the simulation and the tests measure when the answers alone
    /// should decide.
    public static let withinThresholds = VitalSigns(temperature: 36.8, pulse: 78, systolic: 118, diastolic: 76, respiratoryRate: 16)

    /// The signs item 10 of the checklist names, all taken: temperature, pulse, blood pressure and
    /// respiratory rate.
    public var isComplete: Bool {
        temperature != nil && pulse != nil && systolic != nil && diastolic != nil && respiratoryRate != nil
    }

    /// The form's fields: what the screening doctor types.
    public enum Field: Int, CaseIterable, Hashable, Sendable {
        case temperature, pulse, systolic, diastolic, respiratoryRate
    }

    /// What a living person can measure, per field: a value outside is a typing error, never data.
    public static func plausible(_ field: Field) -> ClosedRange<Double> {
        switch field {
        case .temperature: 32...43
        case .pulse: 25...250
        case .systolic: 50...260
        case .diastolic: 25...160
        case .respiratoryRate: 5...60
        }
    }

    /// Reads typed values ("37,8" or "37.8" for the temperature); a value that is not a number, or is
    /// not a plausible measurement of a living person, is a field to fix, and so is a blood pressure
    /// whose systolic is not above its diastolic, or that has one of the two alone. Empty fields stay
    /// unmeasured.
    public static func read(_ values: [Field: String]) -> Result<VitalSigns, Invalid> {
        var signs = VitalSigns()
        var wrong: [Field] = []
        func number(_ field: Field) -> Double? {
            let text = (values[field] ?? "").trimmed.replacingOccurrences(of: ",", with: ".")
            guard !text.isEmpty else { return nil }
            guard let value = Double(text), plausible(field).contains(value) else {
                wrong.append(field)
                return nil
            }
            return value
        }
        signs.temperature = number(.temperature)
        signs.pulse = number(.pulse).map { Int($0) }
        signs.systolic = number(.systolic).map { Int($0) }
        signs.diastolic = number(.diastolic).map { Int($0) }
        signs.respiratoryRate = number(.respiratoryRate).map { Int($0) }
        switch (signs.systolic, signs.diastolic) {
        case (let high?, let low?) where high <= low:
            wrong += [.systolic, .diastolic]
        case (nil, _?) where !wrong.contains(.systolic):
            wrong.append(.systolic)
        case (_?, nil) where !wrong.contains(.diastolic):
            wrong.append(.diastolic)
        default:
            break
        }
        return wrong.isEmpty ? .success(signs) : .failure(Invalid(fields: wrong))
    }

    public struct Invalid: Error, Hashable, Sendable {
        public let fields: [Field]
    }

    /// The typed form of the values, for a form to start from (the temperature with `decimalSeparator`).
    public func formValues(decimalSeparator: String = ",") -> [Field: String] {
        var values: [Field: String] = [:]
        if let temperature { values[.temperature] = Self.shown(temperature, decimalSeparator: decimalSeparator) }
        if let pulse { values[.pulse] = String(pulse) }
        if let systolic { values[.systolic] = String(systolic) }
        if let diastolic { values[.diastolic] = String(diastolic) }
        if let respiratoryRate { values[.respiratoryRate] = String(respiratoryRate) }
        return values
    }

    /// 37,0: a temperature as it is typed and written, one decimal.
    public static func shown(_ temperature: Double, decimalSeparator: String) -> String {
        String(format: "%.1f", temperature).replacingOccurrences(of: ".", with: decimalSeparator)
    }
}

extension VitalSigns.Field {
    /// Whether `text` is a whole value, so that the form may go on to the next field by itself: a
    /// temperature once its decimal is typed; a number once one more digit would leave the plausible
    /// range (pulse "72", "110"; but "12" may still become 120).
    public func isComplete(_ text: String) -> Bool {
        let text = text.trimmed.replacingOccurrences(of: ",", with: ".")
        if self == .temperature {
            guard let dot = text.firstIndex(of: "."), text[text.index(after: dot)...].count == 1 else { return false }
            return Double(text).map(VitalSigns.plausible(self).contains) ?? false
        }
        guard let value = Double(text), text.allSatisfy(\.isNumber), VitalSigns.plausible(self).contains(value) else { return false }
        return value * 10 > VitalSigns.plausible(self).upperBound
    }
}
