import Spreadsheet

/// One cell of a report line: a count, or a share of a whole.
public enum ReportValue: Hashable, Sendable {
    case count(Int)
    case share(Int, of: Int)

    public var text: String {
        switch self {
        case .count(let number): return String(number)
        case .share(let part, let whole): return ReportShare.percent(part, of: whole)
        }
    }

    /// A number in a workbook for a count (so it sums), the printed percentage for a share.
    public var cell: SheetCell {
        switch self {
        case .count(let number): return .integer(number)
        case .share: return .text(text)
        }
    }
}
