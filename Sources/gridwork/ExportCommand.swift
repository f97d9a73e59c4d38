import ArgumentParser
import Foundation
import GridExport
import GridModel
import GridStore

/// `gridwork export residents|households|patrols|cases --output FILE`: the records as CSV or an
/// Excel workbook, numbers masked unless an admin asks for them (audited).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write residents, households, patrols or cases to a CSV file or an Excel workbook (.xlsx).",
        discussion: """
            Headers and values are in the interface language (--lang). ID and phone numbers are masked \
            (4203**********123X, 138****5678) unless --reveal, which only an admin may use and which is written \
            to the audit trail, one entry per resident. A grid worker exports their own grids; an admin or a \
            supervisor every grid. CSV is UTF-8 with a byte order mark, as Excel expects; text starting with \
            = + - @ gets a leading apostrophe so that no spreadsheet runs it as a formula. The file is written \
            whole or not at all, readable by you alone (mode 0600); an existing file is replaced only with --force.
            """
    )

    @OptionGroup var options: LoginOptions

    @Argument(help: "What to export: residents, households, patrols or cases.")
    var kind: ExportKind

    @Option(help: "Only this grid (its code).")
    var grid: String?

    @Option(help: "csv or xlsx (default: from the output file's name; .xlsx is a workbook, anything else CSV).")
    var format: ExportFormat?

    @Option(name: [.short, .long], help: "The file to write.")
    var output: String

    @Flag(help: "Write ID and phone numbers in full (admins only; written to the audit trail).")
    var reveal = false

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func run() throws {
        let (store, session) = try options.openStoreLoggedIn()
        let language = options.language
        let text = options.text
        let worker = session.flatMap { session in store.workers.first { $0.id == session.workerID } }
        let hasAccounts = session != nil

        // Refused before anything is read (the job checks again, for the dashboard's sake too).
        if reveal {
            if !hasAccounts { throw failure(ExportError.revealNeedsLogin.message(in: language)) }
            if let refusal = AccessPolicy.refusalToRevealInExport(for: worker) { throw failure(ExportError.refused(refusal).message(in: language)) }
        }
        var grids = store.grids.map(\.code)
        var ownGridsNote: String?
        if let grid {
            guard let code = grids.first(where: { $0.rawValue == grid }) else { throw failure(text.unknownGrid(grid)) }
            if hasAccounts, let refusal = AccessPolicy.refusal(for: worker, exportingGrid: code) {
                throw failure(ExportError.refused(refusal).message(in: language))
            }
            grids = [code]
        } else if hasAccounts, case .success(let own?) = AccessPolicy.exportableGrids(for: worker) {
            // A grid worker's export reads only their own grids (the job would leave the rest out
            // anyway), and says so, so that a short file is not taken for the community's.
            grids = grids.filter(own.contains)
            if grids.count < store.grids.count { ownGridsNote = ExportText.ownGridsOnly(grids, language) }
        }

        let source = Self.source(kind, grids: grids, from: store)
        if !store.problems.isEmpty { printError(text.unreadableFiles(Set(store.problems.map(\.path)).count)) }
        let job = ExportJob(kind: kind, source: source, language: language, reveal: reveal, path: output, format: format, replacing: force)
        let outcome: ExportJob.Outcome
        do {
            outcome = try job.run(as: worker, folderHasAccounts: hasAccounts) { reveals throws(StoreError) in
                try store.recordBulkReveal(reveals)
            }
        } catch {
            throw failure(error.message(in: language))
        }
        print(ExportText.exported(outcome.rows, kind, outcome.path, language))
        if let ownGridsNote { printError(ownGridsNote) }
        if outcome.leftOut > 0 { printError(ExportText.leftOut(outcome.leftOut, language)) }
        if reveal && outcome.format == .csv { printError(ExportText.longNumbersInCSV(language)) }
    }

    /// The records of `grids` the export of `kind` needs: its own, and what their rows look up
    /// (households and residents for addresses, heads and phones). Each grid's files are read on
    /// every core first, as the dashboard reads a grid.
    static func source(_ kind: ExportKind, grids: [GridCode], from store: Store) -> ExportSource {
        store.preload(grids.flatMap { store.filePaths(ofGrid: $0) })
        var source = ExportSource(grids: store.grids, workers: store.workers, timeZone: store.manifest.communityTimeZone)
        for grid in grids {
            source.households += store.records(Household.self, inGrid: grid)
            source.residents += store.records(Resident.self, inGrid: grid)
            if kind == .patrols { source.patrols += store.records(PatrolLog.self, inGrid: grid) }
            // Patrols name the cases their findings opened; cases are read for them too.
            if kind == .cases || kind == .patrols { source.cases += store.records(DisputeCase.self, inGrid: grid) }
        }
        return source.inLedgerOrder()
    }
}

extension ExportKind: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
