import Foundation
import GridModel
import GridStore
import Spreadsheet

/// Brings a household ledger (人口台账) into the data folder: reads the file, works out what it
/// would add and change (`plan`, the dry run), and writes that as one change (`apply`): every
/// household and resident file it touches and one audit entry for the whole import land
/// together through the store's journal, or none of it does, whatever stops it part way (a
/// problem, a full disk, a kill).
public struct LedgerImporter {
    public let store: Store
    public let options: ImportOptions
    public let now: Date

    public init(store: Store, options: ImportOptions, now: Date = Date()) {
        self.store = store
        self.options = options
        self.now = now
    }

    /// Reads a `.csv` or `.xlsx` file into a table.
    public static func read(_ path: String, options: ImportOptions) throws(ImportFailure) -> ReadTable {
        let lower = path.lowercased()
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".xlsx") || lower.hasSuffix(".txt") || lower.hasSuffix(".xlsm") else {
            throw .unknownFormat(path: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableFile(path: path, code: FileManager.default.fileExists(atPath: path) ? EACCES : ENOENT)
        }
        do throws(SpreadsheetReadError) {
            if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") { return try XLSXReader.read(data, sheet: options.sheet) }
            return try CSVReader.read(data, encoding: options.encoding)
        } catch {
            throw .spreadsheet(path: path, error)
        }
    }

    /// What importing `table` would do; reads the folder (and brings the search index up to
    /// date), writes nothing to the data.
    public func plan(_ table: ReadTable, progress: ((ImportProgress) -> Void)? = nil) throws(ImportFailure) -> ImportPlan {
        guard let actor = store.writerID else { throw .readOnly }
        if let grid = options.grid, !store.grids.contains(where: { $0.code == grid }) { throw .unknownGrid(grid.rawValue) }
        progress?(.read(rows: table.rows.count))
        return LedgerPlanner(store: store, options: options, actor: actor, now: now).plan(table, progress: progress)
    }

    /// Writes a clean plan as one change with one audit entry, naming `fileName` (its last
    /// component, long digit runs starred out) and the counts. A plan with problems, or one that
    /// changes nothing, writes nothing.
    public func apply(_ plan: ImportPlan, fileName: String, progress: ((ImportProgress) -> Void)? = nil) throws(ImportFailure) {
        guard plan.isClean, plan.changesAnything else { return }
        let households = plan.newHouseholds + plan.changedHouseholds
        let residents = plan.newResidents + plan.changedResidents
        let name = ImportProblem.quoted((fileName as NSString).lastPathComponent, limit: 255)
        let newNumbers = Set(plan.newResidents.compactMap(\.idNumber))
        var registeredSincePlanned: Resident?
        do {
            _ = try store.transaction(at: now) { (change: StoreTransaction) throws(StoreError) in
                // Looked for again under the folder's lock: another copy may have registered one
                // of these people while the plan was made, and no one is registered twice.
                if let clash = ResidentsOnFile.find(newNumbers, in: store).values.first {
                    registeredSincePlanned = clash
                    throw .invalid(kind: .resident, violations: [RuleViolation(FieldPath([.key("idNumber")]), .duplicate)])
                }
                change.onFileWritten = { done, total in progress?(.written(done: done, total: total)) }
                _ = try change.saveBatch(households)
                _ = try change.saveBatch(residents)
                try change.note(AuditTrail.Event(.importRecords, record: name, fields: plan.auditFields))
            }.confirmed()
        } catch {
            if let registeredSincePlanned { throw .registeredSincePlanned(registeredSincePlanned.name, grid: registeredSincePlanned.gridCode.rawValue) }
            throw .store(error)
        }
    }
}
