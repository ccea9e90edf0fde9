/// Something a staff member does that the site must be able to trace to them. Each act is allowed to
/// some roles only (`Role.may`); the store refuses every other.
public enum Act: String, CaseIterable, Sendable {
    case checkIn = "check-in"
    case registerWalkIn = "register-walk-in"
    /// Entering a dose given before, from a paper record.
    case recordPaperDose = "record-paper-dose"
    /// Giving a dose the interval or mixing rules refuse.
    case overrideDose = "override-dose"
    case recordScreening = "record-screening"
    case openVial = "open-vial"
    case discardVial = "discard-vial"
    case inject
    case recordAdverseEvent = "record-aefi"
    case discharge
    /// Acknowledging a serious adverse event that stops the site lead's desk.
    case acknowledgeAlert = "acknowledge-alert"
    case importRoster = "import-roster"
    /// Adding staff, importing the staff list, resetting a PIN.
    case manageStaff = "manage-staff"
    case openSession = "open-session"
    case closeSession = "close-session"
    /// Correcting a record of a closed session.
    case amendRecord = "amend-record"
    /// Correcting a person's record (name, birth date, identity number…) from their papers.
    case correctPerson = "correct-person"
    /// Voiding a record entered in error (never deleting it).
    case voidRecord = "void-record"
    /// Merging two records of the same person on the roster.
    case mergePeople = "merge-people"
    case viewDashboard = "view-dashboard"
    case browseAudit = "browse-audit"
    /// Printing or saving a vaccinated person's certificate.
    case printCertificate = "print-certificate"
    /// Taking records off the site: reports, FHIR files.
    case exportRecords = "export-records"
    /// Sending records the centre refused once more, after the cause is fixed.
    case manageSync = "manage-sync"
    /// Installing the site's document-signing certificate, asking the centre for one.
    case manageSigning = "manage-signing"

    /// A step of the session's work, which only its team (and the site lead) may record.
    public var needsTeam: Bool {
        switch self {
        case .checkIn, .registerWalkIn, .recordPaperDose, .overrideDose, .recordScreening, .openVial, .discardVial, .inject,
             .recordAdverseEvent, .discharge, .printCertificate:
            true
        case .acknowledgeAlert, .importRoster, .manageStaff, .openSession, .closeSession, .amendRecord, .viewDashboard,
             .browseAudit, .exportRecords, .manageSync, .correctPerson, .voidRecord, .mergePeople, .manageSigning:
            false
        }
    }
}

extension Role {
    /// Whether this role may do `act`. Deny by default: an act lists the roles it allows, and a new act
    /// allows nobody until it is listed here.
    public func may(_ act: Act) -> Bool { act.allowedRoles.contains(self) }

    /// Whether this role may work at `station` (do the act that moves a person on from it).
    public func mayWork(at station: Station) -> Bool { may(station.act) }
}

extension Act {
    /// The roles that may do this act. The clinical acts belong to the role trained for them: only a
    /// doctor screens, only a vaccinator injects. The site lead runs the site (check-in, vials,
    /// observation, everything administrative) but neither screens nor injects.
    public var allowedRoles: Set<Role> {
        switch self {
        case .checkIn, .registerWalkIn, .recordPaperDose, .correctPerson: [.checkInNurse, .siteLead]
        case .recordScreening: [.screeningDoctor]
        case .inject: [.vaccinator]
        case .openVial, .discardVial: [.vaccinator, .siteLead]
        case .recordAdverseEvent: [.observationNurse, .screeningDoctor, .siteLead]
        case .discharge: [.observationNurse, .siteLead]
        // The check-in desk too: it corrects a record, and gives the certificate of the corrected record.
        case .printCertificate: [.observationNurse, .checkInNurse, .siteLead]
        case .overrideDose, .acknowledgeAlert, .importRoster, .manageStaff, .openSession, .closeSession,
             .amendRecord, .viewDashboard, .browseAudit, .exportRecords, .manageSync, .voidRecord, .mergePeople,
             .manageSigning:
            [.siteLead]
        }
    }
}

extension Station {
    /// The act that moves a person on from this station.
    public var act: Act {
        switch self {
        case .checkIn: .checkIn
        case .screening: .recordScreening
        case .injection: .inject
        case .observation: .discharge
        }
    }
}
