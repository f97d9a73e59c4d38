import Foundation
import GridModel

/// A record the store knows how to place in a file and to summarize for the overview.
public protocol StoredRecord: Record {
    /// The file, relative to the data folder, that holds this record.
    var filePath: String { get }
    /// `timeZone` is the community's, in which patrols are counted by day.
    static func summarize(_ records: [Self], timeZone: TimeZone) -> DataSummary
    /// Where the store keeps files of this kind in memory (its own business; see `RecordsByFile`).
    static var shelf: WritableKeyPath<RecordsByFile, [String: [Self]]> { get }
    /// Where the record sits among people and time, for records that can move (see
    /// `Store.prepareMove`): a household's grid and micro-grid, a resident's grid and household,
    /// a patrol's grid and month. Nil for records that never move (grids, workers, cases).
    var place: String? { get }
}

extension StoredRecord {
    public static func summarize(_ records: [Self], timeZone: TimeZone) -> DataSummary { DataSummary(count: records.count, of: kind) }
    public var place: String? { nil }
}

extension Grid: StoredRecord {
    public static var shelf: WritableKeyPath<RecordsByFile, [String: [Grid]]> { \.grids }
    public var filePath: String { StoreLayout.grid(code) }
}

extension Worker: StoredRecord {
    public static var shelf: WritableKeyPath<RecordsByFile, [String: [Worker]]> { \.workers }
    public var filePath: String { StoreLayout.workers }
}

extension Household: StoredRecord {
    public static var shelf: WritableKeyPath<RecordsByFile, [String: [Household]]> { \.households }
    public var filePath: String { StoreLayout.households(gridCode) }
    /// `GRID` or `GRID/MICRO-GRID`.
    public var place: String? { gridCode.rawValue + (microGrid.map { "/" + String($0) } ?? "") }
    public static func summarize(_ records: [Household], timeZone: TimeZone) -> DataSummary { DataSummary(households: records) }
}

/// A residents file is summarized together with its grid's households (see `Store`).
extension Resident: StoredRecord {
    public static var shelf: WritableKeyPath<RecordsByFile, [String: [Resident]]> { \.residents }
    public var filePath: String { StoreLayout.residents(gridCode) }
    /// `GRID/HOUSEHOLD-ID`.
    public var place: String? { gridCode.rawValue + "/" + householdID.rawValue }
}

extension PatrolLog: StoredRecord {
    public static var shelf: WritableKeyPath<RecordsByFile, [String: [PatrolLog]]> { \.patrols }
    public var filePath: String { StoreLayout.patrols(gridCode, start: start) }
    /// `GRID/YYYY-MM`: the month whose file holds it.
    public var place: String? { gridCode.rawValue + "/" + StoreLayout.month(of: start) }
    public static func summarize(_ records: [PatrolLog], timeZone: TimeZone) -> DataSummary {
        DataSummary(patrols: records, timeZone: timeZone)
    }
}

extension DisputeCase: StoredRecord {
    public static var shelf: WritableKeyPath<RecordsByFile, [String: [DisputeCase]]> { \.cases }
    public var filePath: String { StoreLayout.cases(gridCode, year: raisedOn.year) }
    public static func summarize(_ records: [DisputeCase], timeZone: TimeZone) -> DataSummary { DataSummary(cases: records) }
}

/// Records that hold ID or phone numbers, which are sealed on disk (see `PersonalDataKey`).
protocol HoldsPersonalData {
    /// The record with each personal value passed through `transform` (to seal or to open it).
    func mappingPersonalData(_ transform: (FieldPath, String) throws(StoreError) -> String) throws(StoreError) -> Self
}

extension Resident: HoldsPersonalData {
    func mappingPersonalData(_ transform: (FieldPath, String) throws(StoreError) -> String) throws(StoreError) -> Resident {
        var copy = self
        if let idNumber { copy.idNumber = try transform(FieldPath("idNumber"), idNumber) }
        if let phone { copy.phone = try transform(FieldPath("phone"), phone) }
        return copy
    }
}

extension Worker: HoldsPersonalData {
    func mappingPersonalData(_ transform: (FieldPath, String) throws(StoreError) -> String) throws(StoreError) -> Worker {
        var copy = self
        if let phone { copy.phone = try transform(FieldPath("phone"), phone) }
        return copy
    }
}

extension Grid: HoldsPersonalData {
    func mappingPersonalData(_ transform: (FieldPath, String) throws(StoreError) -> String) throws(StoreError) -> Grid {
        var copy = self
        for (index, micro) in microGrids.enumerated() {
            if let phone = micro.headPhone {
                copy.microGrids[index].headPhone = try transform(FieldPath("microGrids").appending(index: index).appending("headPhone"), phone)
            }
        }
        return copy
    }
}
