import Foundation

/// A spreadsheet gridwork wrote, as another program reads it: `scripts/read-spreadsheet.py`
/// under Debian's python3-openpyxl for an .xlsx file, Python's csv module (utf-8-sig) for a CSV.
/// Throws, so the test fails, when the reader is missing or cannot read the file.
public struct SpreadsheetReadBack: Sendable {
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    /// One cell as openpyxl gave it.
    public struct Cell: Sendable, Equatable {
        /// The value's text: a string, a number's digits, a date's ISO form (`2026-11-22T00:00:00`).
        public let value: String?
        /// `str`, `int`, `float`, `date` or nil for an empty cell.
        public let type: String?
        /// openpyxl's number format (`yyyy-mm-dd` for a date cell).
        public let format: String

        public init(value: String?, type: String?, format: String) {
            self.value = value
            self.type = type
            self.format = format
        }
    }

    public struct Worksheet: Sendable {
        public let title: String
        public let rows: [[Cell]]
        /// Column widths by letter.
        public let widths: [String: Double]
        /// The top-left unfrozen cell (`A2` for a frozen header row), nil when nothing is frozen.
        public let freeze: String?
        public let filter: String?
        /// Whether each header cell is bold.
        public let bold: [Bool]

        /// The rows' values as text ("" for an empty cell), for comparisons.
        public var texts: [[String]] { rows.map { $0.map { $0.value ?? "" } } }
    }

    public let sheets: [Worksheet]
    /// For a CSV: the rows as Python's csv module split them.
    public let csvRows: [[String]]
    public let hasByteOrderMark: Bool
    public let crlfCount: Int
    public let endsWithCRLF: Bool

    public static let script = SchemaValidation.repository + "/scripts/read-spreadsheet.py"

    public init(_ path: String) throws {
        let run = try CommandRun(SchemaValidation.python, [Self.script, path])
        guard run.status == 0 else { throw Failed(description: "read-spreadsheet.py exited \(run.status): \(run.errors)") }
        guard let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any] else {
            throw Failed(description: "read-spreadsheet.py printed no JSON object: \(run.output)")
        }
        sheets = (object["sheets"] as? [[String: Any]] ?? []).map { sheet in
            let rows = (sheet["rows"] as? [[[String: Any]]] ?? []).map { row in
                row.map { cell in
                    let value: String?
                    switch cell["value"] {
                    case let text as String: value = text
                    case let number as NSNumber: value = number.stringValue
                    default: value = nil
                    }
                    return Cell(value: value, type: cell["type"] as? String, format: cell["format"] as? String ?? "")
                }
            }
            let widths = (sheet["widths"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
            return Worksheet(title: sheet["title"] as? String ?? "", rows: rows, widths: widths, freeze: sheet["freeze"] as? String,
                             filter: sheet["filter"] as? String, bold: sheet["bold"] as? [Bool] ?? [])
        }
        csvRows = object["rows"] as? [[String]] ?? []
        hasByteOrderMark = object["bom"] as? Bool ?? false
        crlfCount = object["crlfCount"] as? Int ?? 0
        endsWithCRLF = object["endsWithCRLF"] as? Bool ?? false
    }
}
