import Foundation
import GridModel

/// A record the store knows how to place in a file and to summarize for the overview.
public protocol StoredRecord: Record {
    /// The file, relative to the data folder, that holds this record.
    var filePath: String { get }
    static func summarize(_ records: [Self]) -> DataSummary
}

extension StoredRecord {
    public static func summarize(_ records: [Self]) -> DataSummary { DataSummary(count: records.count, of: kind) }
}

extension Grid: StoredRecord {
    public var filePath: String { StoreLayout.grid(code) }
}

extension Worker: StoredRecord {
    public var filePath: String { StoreLayout.workers }
}

extension Household: StoredRecord {
    public var filePath: String { StoreLayout.households(gridCode) }
    public static func summarize(_ records: [Household]) -> DataSummary { DataSummary(households: records) }
}

/// A residents file is summarized together with its grid's households (see `Store`).
extension Resident: StoredRecord {
    public var filePath: String { StoreLayout.residents(gridCode) }
}

extension PatrolLog: StoredRecord {
    public var filePath: String { StoreLayout.patrols(gridCode, start: start) }
    public static func summarize(_ records: [PatrolLog]) -> DataSummary {
        DataSummary(patrols: records, timeZone: Timestamp.chinaStandardTime)
    }
}

extension DisputeCase: StoredRecord {
    public var filePath: String { StoreLayout.cases(gridCode, year: raisedOn.year) }
    public static func summarize(_ records: [DisputeCase]) -> DataSummary { DataSummary(cases: records) }
}
