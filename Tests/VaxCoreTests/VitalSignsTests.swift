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
        #expect(invalid.fields == [.temperature, .pulse])
    }
}
