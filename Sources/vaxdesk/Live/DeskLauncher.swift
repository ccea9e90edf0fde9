import ArgumentParser
import CursesTerminal
import Foundation
import TerminalKit
import VaxCore
import VaxDeskUI
import VaxStore
import VaxSync
#if canImport(Glibc)
import Glibc
#endif

/// Opens a desk: the database, the logs, the resources, the terminal, then the run loop. The terminal
/// is given back on every way out.
enum DeskLauncher {
    static func open(_ options: SiteOptions, _ desk: DeskOptions) throws {
        let path = options.databasePath
        let messages = CommandMessages(language: options.language)
        guard FileManager.default.fileExists(atPath: path) else {
            throw messages.failure("noDatabase", ["path": path])
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw messages.failure("notATerminal", [:])
        }
        let logPath = (path as NSString).deletingLastPathComponent + "/vaxdesk.log"
        FileLogHandler.bootstrap(path: logPath)
        let database = try AppDatabase(path: path)
        guard let site = try database.site() else { throw messages.failure("noSite", ["path": path]) }
        let resources = try LoadedResources(language: options.language)
        let timeZone = TimeZone(identifier: site.timeZoneIdentifier) ?? LocalDay.vietnam
        let clock: @Sendable () -> Date = { Date() }
        let centre = try desk.central.isConfigured ? desk.central.transport(messages: messages) : nil
        var context = Context(
            strings: resources.strings, catalog: resources.catalog, checklist: resources.checklist,
            provinces: resources.provinces, timeZone: timeZone, now: clock())
        context.canAskCentre = centre != nil
        let watcher = try ChangeWatcher(database: database)
        let client = DeskClient.live(database: database, resources: resources, timeZone: timeZone, watcher: watcher,
                                     centre: centre, clock: clock)

        let sync = centre.map {
            DeskSync.start(database: database, transport: $0, mapping: FHIRMapping(catalog: resources.catalog, timeZone: timeZone))
        }
        defer { sync?.stop() }
        let backups = desk.backup.start(database)
        defer { backups?.stop() }

        let terminal = CursesTerminal(stderrPath: logPath)
        defer { terminal.restore() }
        let state = AppState(context: context, size: terminal.size, siteName: site.name, idleLock: desk.idleLockInterval)
        DeskRunLoop(state: state, terminal: terminal, client: client).run()
    }
}
