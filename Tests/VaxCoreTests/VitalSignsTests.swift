import Testing
@testable import VaxCore

@Suite("Vital-sign thresholds")
struct VitalSignsTests {
    @Test("each threshold at its edge", arguments: [
        (VitalSigns(temperature: 35.5), [VitalSigns.Sign]()),
        (VitalSigns(temperature: 35.4), [.temperature]),
        (VitalSigns(temperature: 37.5), []),
        (VitalSigns(temperature: 37.6), [.temperature]),
        (VitalSigns(pulse: 60), []), (VitalSigns(pulse: 59), [.pulse]),
        (VitalSigns(pulse: 100), []), (VitalSigns(pulse: 101), [.pulse]),
        (VitalSigns(systolic: 90, diastolic: 60), []), (VitalSigns(systolic: 89, diastolic: 70), [.bloodPressure]),
        (VitalSigns(systolic: 140, diastolic: 90), []), (VitalSigns(systolic: 141), [.bloodPressure]),
        (VitalSigns(diastolic: 91), [.bloodPressure]), (VitalSigns(diastolic: 59), [.bloodPressure]),
        (VitalSigns(respiratoryRate: 25), []), (VitalSigns(respiratoryRate: 26), [.respiratoryRate]),
        (VitalSigns(temperature: 39, pulse: 120, systolic: 150, diastolic: 95, respiratoryRate: 30),
         [.temperature, .pulse, .bloodPressure, .respiratoryRate]),
    ])
    func thresholds(signs: VitalSigns, abnormal: [VitalSigns.Sign]) {
        #expect(signs.abnormal == abnormal)
    }

    @Test("typed values: decimal comma or point; empty is unmeasured; implausible is refused")
    func reading() throws {
        #expect(try VitalSigns.read([.temperature: "37,8", .pulse: " 92 "]).get()
            == VitalSigns(temperature: 37.8, pulse: 92))
        #expect(try VitalSigns.read([:]).get().isEmpty)
        guard case .failure(let invalid) = VitalSigns.read([.temperature: "378", .pulse: "abc", .systolic: "120"]) else {
            Issue.record("implausible values were accepted")
            return
        }
        #expect(invalid.fields == [.temperature, .pulse, .diastolic], "a systolic alone is half a blood pressure")
    }

    @Test("a blood pressure whose systolic is not above its diastolic is a typing error", arguments: [
        ("80", "120"), ("300", "20"), ("90", "90"),
    ])
    func bloodPressure(systolic: String, diastolic: String) {
        guard case .failure(let invalid) = VitalSigns.read([.systolic: systolic, .diastolic: diastolic]) else {
            Issue.record("\(systolic)/\(diastolic) was accepted")
            return
        }
        #expect(invalid.fields.contains(.systolic) && invalid.fields.contains(.diastolic))
    }

    @Test("a field's value is whole once one more digit would leave what a person can measure", arguments: [
        (VitalSigns.Field.temperature, "36,8", true), (.temperature, "36", false), (.temperature, "36,", false),
        (.pulse, "72", true), (.pulse, "12", false), (.pulse, "120", true), (.systolic, "95", true), (.systolic, "12", false),
        (.diastolic, "80", true), (.diastolic, "9", false), (.respiratoryRate, "18", true), (.respiratoryRate, "5", false),
        (.pulse, "7a", false),
    ])
    func wholeValues(field: VitalSigns.Field, text: String, whole: Bool) {
        #expect(field.isComplete(text) == whole)
    }

    @Test("all four signs of item 10 make the set complete; a temperature is shown as typed")
    func complete() {
        #expect(VitalSigns.withinThresholds.isComplete)
        #expect(!VitalSigns(temperature: 36.5, pulse: 80, systolic: 120, diastolic: 80).isComplete)
        #expect(VitalSigns(temperature: 37).formValues(decimalSeparator: ",")[.temperature] == "37,0")
    }
}
