/// The file an export writes: CSV (UTF-8 with a BOM) or an Excel workbook.
public enum ExportFormat: String, CaseIterable, Hashable, Sendable {
    case csv, xlsx

    /// The format a file name asks for: `.xlsx` is a workbook, anything else CSV.
    public init(path: String) {
        self = path.lowercased().hasSuffix(".xlsx") ? .xlsx : .csv
    }
}
