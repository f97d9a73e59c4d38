import GridModel
import Spreadsheet

/// Where each field is in a ledger: the header row (found among the first rows, below any title
/// a ledger puts above it), the column of each recognised field, and the columns that are not
/// imported, each named so that nothing is dropped without a word.
struct LedgerColumns {
    /// Index of the header row in the table (its row number is one more).
    let headerRow: Int
    private(set) var columns: [LedgerField: Int] = [:]
    /// Each column's header as written.
    private(set) var headers: [Int: String] = [:]
    /// Columns with data that no field takes, by header (or letter, when the header is empty).
    private(set) var unknown: [String] = []
    /// Columns left out on purpose (`--map 'X=ignore'`).
    private(set) var ignored: [String] = []
    private(set) var problems: [ImportProblem] = []

    /// How many rows may stand above the header (a title, the community's name, a date).
    static let rowsSearched = 30

    /// Finds the header row and reads it; nil when no row within `rowsSearched` has a name column
    /// and at least one other recognised one.
    init?(_ table: ReadTable, mappings: [ColumnMapping]) {
        let overrides = Self.overrides(mappings)
        func field(of header: String) -> LedgerField? {
            let clean = LedgerValue.clean(header)
            return overrides[clean] ?? overrides[LedgerField.normalized(clean)] ?? LedgerField.named(clean)
        }
        var found: Int?
        for index in table.rows.indices.prefix(Self.rowsSearched) {
            let fields = table.rows[index].compactMap(field)
            if fields.contains(.name) && Set(fields).subtracting([.ignore]).count >= 2 {
                found = index
                break
            }
        }
        guard let headerRow = found else { return nil }
        self.headerRow = headerRow
        let width = table.rows.dropFirst(headerRow).map(\.count).max() ?? 0
        for column in 0..<width {
            let header = LedgerValue.clean(table.cell(headerRow, column))
            headers[column] = header
            guard let field = field(of: header) else {
                let hasData = table.rows.dropFirst(headerRow + 1).contains { $0.indices.contains(column) && !LedgerValue.clean($0[column]).isEmpty }
                if !header.isEmpty || hasData { unknown.append(header.isEmpty ? Self.letter(column) : header) }
                continue
            }
            if field == .ignore {
                ignored.append(header)
                continue
            }
            if let first = columns[field] {
                let firstHeader = headers[first] ?? ""
                problems.append(ImportProblem(row: headerRow + 1, column: LocalizedText(zh: header, en: header), message: LocalizedText(
                    zh: "与“\(firstHeader)”列都是\(field.header(.zh))，只能有一列；用 --map '\(header)=ignore' 忽略其一",
                    en: "both this and \"\(firstHeader)\" hold the \(field.header(.en)); keep one, or leave this one out with --map '\(header)=ignore'")))
                continue
            }
            columns[field] = column
        }
    }

    /// The header a message names for `field`: the file's own, else the field's name.
    func header(_ field: LedgerField) -> LocalizedText {
        if let column = columns[field], let header = headers[column], !header.isEmpty { return LocalizedText(zh: header, en: header) }
        return LocalizedText(zh: field.header(.zh), en: field.header(.en))
    }

    /// A row's cell for `field`, cleaned; empty when the file has no such column.
    func value(_ field: LedgerField, in row: [String]) -> String {
        guard let column = columns[field], row.indices.contains(column) else { return "" }
        return LedgerValue.clean(row[column])
    }

    /// The `--map` columns that match no header: a mistyped mapping must not pass unnoticed.
    func unmatched(_ mappings: [ColumnMapping]) -> [ColumnMapping] {
        let present = Set(headers.values.flatMap { [$0, LedgerField.normalized($0)] })
        return mappings.filter { !present.contains($0.column) && !present.contains(LedgerField.normalized($0.column)) }
    }

    private static func overrides(_ mappings: [ColumnMapping]) -> [String: LedgerField] {
        var table: [String: LedgerField] = [:]
        for mapping in mappings {
            table[mapping.column] = mapping.field
            table[LedgerField.normalized(mapping.column)] = mapping.field
        }
        return table
    }

    /// `A`, `B`, … `AA`: how a spreadsheet names a column.
    static func letter(_ column: Int) -> String {
        var number = column + 1
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }
}
