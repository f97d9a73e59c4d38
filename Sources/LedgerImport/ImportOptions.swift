import GridModel
import Spreadsheet

/// How a ledger is to be read and brought in.
public struct ImportOptions: Sendable {
    /// The grid of rows whose grid column is empty, or of every row when there is none.
    public var grid: GridCode?
    public var onDuplicate: DuplicatePolicy
    /// Headers the recognition does not know, or reads otherwise, and the field each holds.
    public var mappings: [ColumnMapping]
    /// The encoding of a CSV file, when not to be detected.
    public var encoding: CSVEncoding?
    /// The sheet of a workbook, when not the first.
    public var sheet: String?

    public init(grid: GridCode? = nil, onDuplicate: DuplicatePolicy = .report, mappings: [ColumnMapping] = [],
                encoding: CSVEncoding? = nil, sheet: String? = nil) {
        self.grid = grid
        self.onDuplicate = onDuplicate
        self.mappings = mappings
        self.encoding = encoding
        self.sheet = sheet
    }
}

/// `--map 'column=field'`: the column headed `column` holds `field` (`ignore` to leave it out).
public struct ColumnMapping: Hashable, Sendable {
    public let column: String
    public let field: LedgerField

    public init(column: String, field: LedgerField) {
        self.column = column
        self.field = field
    }

    /// Reads `column=field`; the field by its name (`phone`) or a header it is known by (`手机号`).
    public static func parse(_ text: String) -> Result<ColumnMapping, ImportFailure> {
        guard let equals = text.lastIndex(of: "=") else { return .failure(.badMapping(text)) }
        let column = LedgerValue.clean(String(text[..<equals]))
        let name = LedgerValue.clean(String(text[text.index(after: equals)...]))
        guard !column.isEmpty else { return .failure(.badMapping(text)) }
        if name.isEmpty { return .success(ColumnMapping(column: column, field: .ignore)) }
        guard let field = LedgerField.named(name) else { return .failure(.unknownField(name)) }
        return .success(ColumnMapping(column: column, field: field))
    }
}
