import Foundation
import TerminalKit
import VaxCore

/// The site lead's live view of the session: stages, waits, pace, adverse events, vials, lots, what
/// waits to be sent. It follows every desk's writes; F7 closes the session when nothing is left open.
struct DashboardScreen: StationScreen {
    enum Phase: Hashable {
        case board
        /// Closing: with people still waiting, why they go home without a dose.
        case confirmingClose(reason: TextField)
        /// Opening the next session: place, day, team, lots, people expected.
        case opening(FormEditor<SessionPlan.Field>)
        case addingStaff(FormEditor<StaffRow.Field>)
        /// Earlier sessions, newest first; Enter shows a session's report.
        case history([VaccinationSession], ListSelection, ShownReport?)
        /// Choosing whose PIN to reset, then confirming it (`confirming`: the one chosen).
        case resettingPIN([Staff], ListSelection, confirming: Staff? = nil)
        /// A new PIN, shown in full until the site lead has read it (it is never shown again).
        case newPIN(code: String, pin: String)
        /// The audit trail, newest first; moving past the last row loads older ones.
        case auditTrail([AuditEntry], ListSelection)
        /// A record of the trail entered in error, to void: why, and for an injection what became of its dose.
        case voiding([AuditEntry], ListSelection, AuditEntry, fate: VoidedRecord.DoseFate?, reason: TextField)
    }

    var board: Dashboard?
    var phase = Phase.board
    var station: Station? { nil }

    /// The next session's plan or a new staff member being typed: Esc asks before it goes.
    var hasUnsavedInput: Bool {
        switch phase {
        case .opening(let form): form.isEdited
        case .addingStaff(let form): form.isEdited
        case .confirmingClose(let reason): !reason.text.isEmpty
        case .voiding(_, _, _, _, let reason): !reason.text.isEmpty
        case .board, .history, .resettingPIN, .newPIN, .auditTrail: false
        }
    }

    /// People of the open session still waiting for screening or injection.
    var stillWaiting: Int {
        guard let counts = board?.stageCounts else { return 0 }
        return (counts[.waitingScreening] ?? 0) + (counts[.waitingInjection] ?? 0)
    }

    func keyMap(_ context: Context) -> KeyMap<Command> {
        let s = context.strings
        switch phase {
        case .confirmingClose(let reason):
            return KeyMap([
                KeyBinding([.enter], s["key.closeSession"], .confirm,
                           disabledReason: stillWaiting > 0 && reason.text.trimmed.isEmpty
                               ? s["error.leftWithoutDoseReasonRequired"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .history(let sessions, _, _):
            return KeyMap([
                KeyBinding([.enter], s["key.showReport"], .confirm,
                           disabledReason: sessions.isEmpty ? s["dashboard.noHistory"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .opening, .addingStaff:
            return KeyMap([
                KeyBinding([.enter], s["key.save"], .confirm),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .resettingPIN(let staff, _, let confirming):
            return KeyMap([
                KeyBinding([.enter], confirming == nil ? s["key.choose"] : s["key.resetPIN"], .confirm,
                           disabledReason: staff.isEmpty ? s["login.noStaff"] : nil),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .newPIN:
            return KeyMap([KeyBinding([.enter, .escape], s["key.pinRead"], .dismiss)])
        case .auditTrail(let entries, let selection):
            let chosen = entries.indices.contains(selection.selected) ? entries[selection.selected] : nil
            return KeyMap([
                KeyBinding([.function(8)], s["key.voidRecord"], .voidRecord,
                           disabledReason: context.refusal(.voidRecord)
                               ?? (chosen.flatMap { Self.voidable($0, fate: .wasted) } == nil ? s["dashboard.notVoidable"] : nil)),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .voiding(_, _, let entry, let fate, let reason):
            let missing: String? = entry.recordType == "injection" && fate == nil ? s["dashboard.voidFateRequired"]
                : reason.text.trimmed.isEmpty ? s["dashboard.voidReasonRequired"] : nil
            return KeyMap([
                KeyBinding([.enter], s["key.voidConfirm"], .confirm, disabledReason: missing),
                KeyBinding([.escape], s["key.back"], .back),
            ])
        case .board:
            return KeyMap([
                // Only one of F7 and F8 applies at a time: the other stays bound (and says why) but leaves
                // its room in the bar to the others.
                KeyBinding([.function(7)], s["key.closeSession"], .closeSession,
                           disabledReason: board == nil ? s["status.noSession"] : nil, inBar: board != nil),
                KeyBinding([.function(8)], s["key.openSession"], .openSession,
                           disabledReason: board == nil ? nil : s["error.sessionAlreadyOpen"], inBar: board == nil),
                KeyBinding([.function(3)], s["key.history"], .history),
                KeyBinding([.function(4)], s["key.addStaff"], .addStaff, disabledReason: context.refusal(.manageStaff)),
                KeyBinding([.function(5)], s["key.resetPIN"], .resetPIN, disabledReason: context.refusal(.manageStaff)),
                KeyBinding([.function(6)], s["key.auditTrail"], .auditTrail, disabledReason: context.refusal(.browseAudit)),
                KeyBinding([.escape], s["key.back"], .switchStation),
            ])
        }
    }

    mutating func perform(_ command: Command, _ context: Context) -> [DashboardEffect] {
        guard let user = context.user else { return [] }
        switch (phase, command) {
        case (.board, .closeSession):
            phase = .confirmingClose(reason: TextField())
        case (.board, .openSession):
            phase = .opening(FormEditor(fields: SessionPlan.Field.allCases, values: [.day: LocalDay.shown(context.today)]))
        case (.board, .addStaff):
            phase = .addingStaff(FormEditor(fields: StaffRow.Field.allCases, values: [:]))
        case (.board, .history):
            phase = .history([], ListSelection(), nil)
            return [.loadSessions]
        case (.board, .resetPIN):
            phase = .resettingPIN([], ListSelection())
            return [.loadStaff]
        case (.board, .auditTrail):
            phase = .auditTrail([], ListSelection())
            return [.loadAuditTrail(before: nil, by: user.id)]
        case (.auditTrail(let entries, let selection), .voidRecord):
            guard entries.indices.contains(selection.selected), Self.voidable(entries[selection.selected], fate: .wasted) != nil
            else { return [] }
            phase = .voiding(entries, selection, entries[selection.selected], fate: nil, reason: TextField())
        case (.voiding(_, _, let entry, let fate, let reason), .confirm):
            guard !reason.text.trimmed.isEmpty, let record = Self.voidable(entry, fate: fate) else { return [] }
            return [.voidRecord(record, reason: reason.text.trimmed, by: user.id)]
        case (.voiding(let entries, let selection, _, _, _), .back):
            phase = .auditTrail(entries, selection)
        case (.resettingPIN(let staff, let selection, nil), .confirm):
            // A reset locks the person out of their old PIN: asked once more, naming them.
            guard staff.indices.contains(selection.selected) else { return [] }
            phase = .resettingPIN(staff, selection, confirming: staff[selection.selected])
        case (.resettingPIN(let staff, let selection, let member?), .confirm):
            phase = .resettingPIN(staff, selection)
            return [.resetPIN(code: member.code, by: user.id)]
        case (.resettingPIN(let staff, let selection, _?), .back):
            phase = .resettingPIN(staff, selection)
        case (.newPIN, .dismiss):
            phase = .board
        case (.history(let sessions, let selection, nil), .confirm):
            guard sessions.indices.contains(selection.selected) else { return [] }
            return [.loadReport(sessionID: sessions[selection.selected].id)]
        case (.history(let sessions, let selection, _?), .back):
            phase = .history(sessions, selection, nil)
        case (.confirmingClose(let reason), .confirm):
            phase = .board
            // Whoever still waits is recorded as going home without a dose, then the session closes.
            let leaving: [DashboardEffect] = stillWaiting > 0
                ? [.recordLeftWithoutDose(reason: reason.text.trimmed, by: user.id)] : []
            return leaving + [.closeSession(by: user.id)]
        case (.opening(var form), .confirm):
            switch SessionPlan.read(form.values, catalog: context.catalog, today: context.today) {
            case .success(let plan):
                // The form stays until the session is open: a refusal leaves what was typed to fix.
                return [.openSession(plan, by: user.id)]
            case .failure(let invalid):
                form.show(problems: invalid.problems)
                phase = .opening(form)
            }
        case (.addingStaff(var form), .confirm):
            let values = form.values
            switch StaffRow.parse(code: values[.code] ?? "", name: values[.name] ?? "", role: values[.role] ?? "") {
            case .success(let member):
                phase = .board
                return [.addStaff(member, by: user.id)]
            case .failure(let problem):
                let field: StaffRow.Field = problem == .missingCode ? .code : problem == .missingName ? .name : .role
                form.show(problems: [field: problem.rawValue])
                phase = .addingStaff(form)
            }
        case (_, .back):
            phase = .board
        default:
            break
        }
        return []
    }

    func otherKeys(_ context: Context) -> [KeyHelp] {
        let s = context.strings
        switch phase {
        case .opening, .addingStaff: return KeyHelp.of(.form, strings: s)
        case .history(_, _, nil), .resettingPIN(_, _, nil), .auditTrail: return KeyHelp.of(.list, strings: s)
        case .history: return KeyHelp.of(.scroll, strings: s)
        case .confirmingClose: return KeyHelp.of(.reason, strings: s)
        case .voiding(_, _, let entry, _, _):
            return entry.recordType == "injection" ? KeyHelp.of(.doseFate, .reason, strings: s) : KeyHelp.of(.reason, strings: s)
        case .resettingPIN, .newPIN, .board: return []
        }
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [DashboardEffect] {
        switch phase {
        case .opening(var form):
            _ = form.handle(key)
            phase = .opening(form)
        case .addingStaff(var form):
            _ = form.handle(key)
            phase = .addingStaff(form)
        case .history(let sessions, var selection, nil):
            _ = selection.handle(key, count: sessions.count, visibleRows: 16)
            phase = .history(sessions, selection, nil)
        case .history(let sessions, let selection, var shown?):
            shown.scroll(key, lineCount: shown.lines(context).count, rows: ShownReport.rows(in: Self.screenArea))
            phase = .history(sessions, selection, shown)
        case .resettingPIN(let staff, var selection, nil):
            _ = selection.handle(key, count: staff.count, visibleRows: 16)
            phase = .resettingPIN(staff, selection)
        case .resettingPIN, .newPIN:
            break
        case .auditTrail(let entries, var selection):
            let wasLast = selection.selected == entries.count - 1
            _ = selection.handle(key, count: entries.count, visibleRows: Self.auditRows)
            phase = .auditTrail(entries, selection)
            // Past the oldest row shown: the next page, if the trail goes on.
            if wasLast, key == .down || key == .pageDown, let oldest = entries.last, oldest.seq > 1, let user = context.user {
                return [.loadAuditTrail(before: oldest.seq, by: user.id)]
            }
        case .confirmingClose(var reason):
            _ = reason.handle(key)
            phase = .confirmingClose(reason: reason)
        case .voiding(let entries, let selection, let entry, var fate, var reason):
            // ←/→ say what became of an injection's dose; the rest is the reason.
            switch key {
            case .left where entry.recordType == "injection": fate = .wasted
            case .right where entry.recordType == "injection": fate = .returned
            default: _ = reason.handle(key)
            }
            phase = .voiding(entries, selection, entry, fate: fate, reason: reason)
        case .board, .history:
            break
        }
        return []
    }

    /// The record an entry of the trail is about, when it is one a site lead may void: an injection (with
    /// what became of its dose), a screening, a paper dose. Other acts are not records entered in error.
    static func voidable(_ entry: AuditEntry, fate: VoidedRecord.DoseFate?) -> VoidedRecord? {
        guard let id = entry.recordID else { return nil }
        switch (entry.action, entry.recordType) {
        case ("injection", "injection"?): return fate.map { .injection(id, dose: $0) }
        case ("screening", "screening"?): return .screening(id)
        case ("backfill", "prior_dose"?): return .paperDose(id)
        default: return nil
        }
    }

    /// The dashboard's area on the smallest screen, 80×24: the report scrolls within it (a larger
    /// screen shows more lines, and the drawing keeps the last page whole).
    static let screenArea = Rect(x: 0, y: 0, width: 80, height: 20)

    /// Rows of the audit trail on an 80×24 screen.
    static let auditRows = 16
    /// A backup older than this is shown as a warning: the site has hours of records in one copy only.
    static let backupOverdueHours = 2.0

    mutating func receive(_ answer: DashboardEffect.Answer, _ context: Context) -> Reaction<DashboardEffect> {
        let s = context.strings
        switch answer {
        case .dashboardLoaded(let loaded):
            board = loaded
        case .sessionsLoaded(let sessions):
            if case .history = phase { phase = .history(sessions, ListSelection(), nil) }
        case .reportLoaded(let report):
            if case .history(let sessions, let selection, let shown) = phase {
                // A report read again (after an unlock, another desk's write) keeps its place.
                phase = .history(sessions, selection, ShownReport(report: report, top: shown?.report.sessionID == report.sessionID ? shown!.top : 0))
            }
        case .staffLoaded(let staff):
            if case .resettingPIN = phase { phase = .resettingPIN(staff, ListSelection()) }
        case .pinReset(let code, let pin):
            // The PIN itself is shown in a dialog until read, never in the status line.
            phase = .newPIN(code: code, pin: pin)
            return .saved(s.text("notice.pinReset", ["code": code]))
        case .staffAdded(let member, let pin):
            if let pin { phase = .newPIN(code: member.code, pin: pin) }
            return .saved(s.text(pin == nil ? "notice.staffAdded" : "notice.staffAddedPIN", [
                "name": member.fullName, "role": s["role.\(member.role.rawValue)"], "pin": pin ?? "",
            ]))
        case .recordVoided:
            guard case .voiding(_, _, let entry, _, _) = phase, let user = context.user else { break }
            phase = .auditTrail([], ListSelection())
            return Reaction([.loadAuditTrail(before: nil, by: user.id), .loadDashboard(by: user.id)],
                            notice: AppState.Notice(text: s.text("notice.recordVoided", ["who": entry.personName ?? ""]), tone: .success))
        case .auditTrailLoaded(let entries, let appended):
            if case .auditTrail(let shown, let selection) = phase {
                phase = .auditTrail(appended ? shown + entries : entries, selection)
            }
        case .sessionOpened:
            if case .opening = phase { phase = .board }
            return .saved(s["notice.sessionOpened"])
        case .leftWithoutDoseRecorded(let n):
            return .notice(s.count("notice.leftWithoutDose", n), .warning)
        case .sessionClosed:
            return .saved(s["notice.sessionClosed"])
        }
        return []
    }

    mutating func failed(_ failure: DeskFailure, _ context: Context) -> Reaction<DashboardEffect> {
        guard case .refused(let error) = failure else { return [] }
        // A refused plan keeps what was typed, the cursor on the field to fix (the notice says why).
        if case .opening(var form) = phase, let field = SessionPlan.Field(fixing: error) {
            form.show(problems: [field: "plan.refusedHere"])
            phase = .opening(form)
        }
        // Nothing was written: what is shown may be why (another desk was first).
        return Reaction(refresh(context))
    }

    /// The board, and the report on screen read again: an unlocked desk never shows stale figures.
    func refresh(_ context: Context) -> [DashboardEffect] {
        guard let user = context.user else { return [] }
        if case .history(_, _, let shown?) = phase { return [.loadDashboard(by: user.id), .loadReport(sessionID: shown.report.sessionID)] }
        return [.loadDashboard(by: user.id)]
    }
}
