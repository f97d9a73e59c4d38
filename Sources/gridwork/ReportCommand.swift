import ArgumentParser
import Foundation
import GridExport
import GridModel
import GridReport
import GridStore
import Spreadsheet

/// `gridwork report --month 2026-11`: the monthly report (月报) of each grid and the community,
/// as terminal text or a workbook to hand in. The figures are defined in the README.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print or write the monthly report: visits, patrols, findings, cases, satisfaction, follow-ups.",
        discussion: """
            Months are calendar months in the community's time zone. A grid worker reports on their own grids; \
            an admin or a supervisor on any. The report ends with the audit trail's count and head hash. \
            Every figure is defined in the README, section "Monthly report".
            """
    )

    @OptionGroup var options: LoginOptions

    @Option(help: "The month, as YYYY-MM (e.g. 2026-11).")
    var month: String

    @Option(help: "Only this grid (its code).")
    var grid: String?

    @Option(help: "text or xlsx (default: xlsx when the output file ends in .xlsx, else text).")
    var format: ReportFormat?

    @Option(name: [.short, .long], help: "Write to this file instead of standard output (needed for xlsx).")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func run() throws {
        let language = options.language
        // Checked before the login, so a typo costs no passphrase.
        guard let reportMonth = ReportMonth(month) else { throw failure(ReportText.badMonth(month, language)) }
        let format = format ?? ReportFormat(output: output)
        if format == .xlsx && output == nil { throw failure(ReportText.xlsxNeedsOutput(language)) }

        let (store, session) = try options.openStoreLoggedIn()
        let text = options.text
        let worker = session.flatMap { session in store.workers.first { $0.id == session.workerID } }
        var grids = store.grids.sorted { $0.code < $1.code }
        if session != nil {
            // A report leaves the program like an export, and is held to the same rule.
            switch AccessPolicy.exportableGrids(for: worker) {
            case .failure(let refusal): throw failure(refusal.message(in: language))
            case .success(let own?):
                if let grid, !own.contains(GridCode(grid)), grids.contains(where: { $0.code.rawValue == grid }) {
                    throw failure(ReportText.outsideOwnGrids(worker?.name ?? "?", grid, worker?.gridCodes ?? [], language))
                }
                if grid == nil && own.count < grids.count { printError(ReportText.ownGridsOnly(grids.map(\.code).filter(own.contains), language)) }
                grids = grids.filter { own.contains($0.code) }
            case .success(nil): break
            }
        }
        if let grid {
            guard let chosen = grids.first(where: { $0.code.rawValue == grid }) else { throw failure(text.unknownGrid(grid)) }
            grids = [chosen]
        }

        let records = Self.records(of: grids, from: store)
        if !store.problems.isEmpty { printError(text.unreadableFiles(Set(store.problems.map(\.path)).count)) }
        let head = AuditTrail(dataFolder: store.folder).recordedHead().map { AuditHead(count: $0.count, hash: $0.hash) }
        let area = grids.count == 1 && grid != nil ? grids[0].name : store.manifest.name
        let report = MonthlyReport(month: reportMonth, today: store.manifest.today(), areaName: area, records: records, auditHead: head)

        let data: Data
        switch format {
        case .text:
            let rendered = ReportText.rendered(report, language)
            guard output != nil else { print(rendered); return }
            data = Data((rendered + "\n").utf8)
        case .xlsx:
            do throws(SpreadsheetError) { data = try XLSXWriter.data(report.workbook(language)) } catch { throw failure(ExportError.file(error).message(in: language)) }
        }
        guard let output else { return }
        do throws(SpreadsheetError) {
            try SpreadsheetFileWriter.write(data, to: output, replacing: force)
        } catch {
            // The same words as an export's: the file exists (--force), a folder, a missing folder.
            throw failure(ExportError.file(error).message(in: language))
        }
        print(ReportText.written(output, language))
    }

    /// Every record of `grids`, each grid's files read on every core first, as the export does.
    static func records(of grids: [Grid], from store: Store) -> ReportRecords {
        store.preload(grids.flatMap { store.filePaths(ofGrid: $0.code) })
        var records = ReportRecords(grids: grids, timeZone: store.manifest.communityTimeZone)
        records.visitSchedule = store.visitSchedule
        for grid in grids {
            records.households += store.records(Household.self, inGrid: grid.code)
            records.residents += store.records(Resident.self, inGrid: grid.code)
            records.patrols += store.records(PatrolLog.self, inGrid: grid.code)
            records.cases += store.records(DisputeCase.self, inGrid: grid.code)
        }
        return records
    }
}
