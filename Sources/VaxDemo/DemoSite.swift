import Foundation
import VaxCore

/// The demo site: a commune health station in Rạch Giá, Kiên Giang, with staff for every role, an open
/// session for today and lots of two products.
public struct DemoSite: Sendable {
    public let site: Site
    public let staff: [Staff]
    public let session: VaccinationSession
    public let lots: [VaccineLot]

    /// The demo staff's PINs, by code: printed by `vaxdesk demo` and listed in the README. A real
    /// site's staff get random first PINs from the site lead.
    public static let pins: [String: String] = [
        "PT01": "2468", "DD01": "1111", "DD02": "2222", "BS01": "3333", "BS02": "4444", "TI01": "5555",
        "TI02": "6666", "TD01": "7777",
    ]

    public init(today: Date, timeZone: TimeZone) {
        site = Site(
            id: UUID(uuidString: "6B1D5E0A-2C3F-4E7B-9A51-0D3C2B1A9F10")!, code: "91-RG-VTV",
            name: "Trạm Y tế Phường Vĩnh Thanh Vân", provinceCode: "091", timeZoneIdentifier: timeZone.identifier)
        staff = [
            Staff(code: "PT01", fullName: "Huỳnh Văn Tâm", role: .siteLead),
            Staff(code: "DD01", fullName: "Nguyễn Thị Lan", role: .checkInNurse),
            Staff(code: "DD02", fullName: "Trần Thị Bích Ngọc", role: .checkInNurse),
            Staff(code: "BS01", fullName: "Lê Văn Hùng", role: .screeningDoctor),
            Staff(code: "BS02", fullName: "Phạm Thị Thu Hà", role: .screeningDoctor),
            Staff(code: "TI01", fullName: "Võ Thị Hồng", role: .vaccinator),
            Staff(code: "TI02", fullName: "Đặng Minh Khoa", role: .vaccinator),
            Staff(code: "TD01", fullName: "Bùi Thị Mai", role: .observationNurse),
        ]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: today)
        let dayText = String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
        let expiry = calendar.date(byAdding: .month, value: 3, to: today)!
        let expiryDay = LocalDate(expiry, in: calendar.timeZone)
        session = VaccinationSession(
            siteID: site.id, day: dayText, place: "Hội trường UBND Phường Vĩnh Thanh Vân", status: .open,
            openedAt: today)
        lots = [
            VaccineLot(sessionID: session.id, productCode: "pfizer", lotNumber: "FK5127", expiry: expiryDay, dosesReceived: 600),
            VaccineLot(sessionID: session.id, productCode: "astrazeneca", lotNumber: "A1089", expiry: expiryDay, dosesReceived: 500),
        ]
    }
}
