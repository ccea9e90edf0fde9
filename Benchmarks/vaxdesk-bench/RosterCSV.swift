import Foundation
import VaxCore
import VaxDemo

/// A roster file as a district sends it, for the import benchmark: Vietnamese headers, dates as
/// dd/mm/yyyy (a year alone for some elderly people), Nam/Nữ, quoted addresses, prior doses.
///
///     vaxdesk-bench roster-csv N FILE
enum RosterCSV {
    static let header = "STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD/CMND,Số điện thoại,Địa chỉ,Xã/Phường,Nhóm ưu tiên,"
        + "Vắc xin mũi 1,Ngày tiêm mũi 1,Vắc xin mũi 2,Ngày tiêm mũi 2\n"

    static func write(_ count: Int, to path: String) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? file.close() }
        var chunk = header
        for (index, entry) in DemoRoster(count: count).enumerated() {
            let p = entry.person
            var fields = [
                String(index + 1), p.fullName, p.birthDate.description, p.sex == .male ? "Nam" : "Nữ",
                p.identityNumber ?? "", p.phone ?? "", "\"" + (p.address ?? "") + "\"", p.commune ?? "",
                p.priorityGroup ?? "",
            ]
            for number in 1...2 {
                let dose = entry.priorDoses.first { $0.doseNumber == number }
                fields.append(dose?.productCode ?? "")
                fields.append(dose.flatMap { BirthDate(stored: $0.givenOn)?.description } ?? "")
            }
            chunk += fields.joined(separator: ",") + "\n"
            if chunk.utf8.count > 1 << 20 {
                file.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        file.write(Data(chunk.utf8))
    }
}
