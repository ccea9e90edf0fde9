import Foundation

/// Who a request comes from: a site (which writes its records and reads its own), or an officer of an
/// area (who reads, and writes nothing).
public enum Principal: Sendable, Hashable {
    case site(id: String, name: String)
    case officer(Officer)

    /// How the access log names them.
    public var logName: String {
        switch self {
        case .site(_, let name): "site \(name)"
        case .officer(let officer): "officer \(officer.name) (\(officer.area.description))"
        }
    }
}

/// A provincial, district or national officer's read-only account.
public struct Officer: Sendable, Hashable {
    public var id: String
    public var name: String
    public var area: Area
}

/// What an officer may read: every site, or the sites of a province or a district (by its code, as
/// set on the site when it was added).
public enum Area: Sendable, Hashable, CustomStringConvertible {
    case national
    case province(String)
    case district(String)

    /// The level as the `officer` table keeps it, and the code.
    var stored: (level: String, code: String?) {
        switch self {
        case .national: ("national", nil)
        case .province(let code): ("province", code)
        case .district(let code): ("district", code)
        }
    }

    init?(level: String, code: String?) {
        switch (level, code) {
        case ("national", _): self = .national
        case ("province", let code?): self = .province(code)
        case ("district", let code?): self = .district(code)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .national: "national"
        case .province(let code): "province \(code)"
        case .district(let code): "district \(code)"
        }
    }
}
