import GRDB

/// One step of the site store's schema, in a file of its own that never changes once shipped
/// (`MigrationChecksumTests` holds each file to the checksum recorded when it shipped). A migration
/// writes its SQL inline and calls none of the store's code, so that today's code cannot change what
/// an old migration does.
protocol SchemaMigration {
    /// The name GRDB records in `grdb_migrations`.
    static var identifier: String { get }
    static func migrate(_ db: Database) throws
}

/// Every migration, in the order they run. A new one goes at the end.
enum Migrations {
    static let all: [any SchemaMigration.Type] = [
        V01SiteStore.self, V02PersonNameBirthIndex.self, V03SearchDigits.self, V04VisitDoseRules.self,
        V05SearchPrefixesToSix.self, V06ScreeningVitals.self, V07AEFIAcknowledged.self, V08Amendments.self,
        V09AuditChain.self, V10StaffPINs.self, V11Sync.self, V12AllowedProductsAsJSON.self, V13Backups.self,
        V14ScreeningAnswered.self, V15VisitClaims.self, V16LeftWithoutDose.self, V17DemoSite.self,
        V18KeyedPINs.self,
        V19AdverseEventOutcome.self, V20PersonCorrections.self, V21VoidedRecords.self, V22MergedPeople.self,
        V23AdverseEventReport.self,
        V24SignedCertificates.self,
        V25PublishedLists.self,
        V26PulledRecords.self,
        V27PulledPeople.self,
        V28Registrations.self,
    ]

    static func register(in migrator: inout DatabaseMigrator) {
        for migration in all {
            migrator.registerMigration(migration.identifier) { db in try migration.migrate(db) }
        }
    }
}
