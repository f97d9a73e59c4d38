import GridModel

/// One thing wrong with a ledger, where a person finds it: the row as a spreadsheet program
/// numbers it, and the column by its header. Messages never repeat an ID or phone number.
public struct ImportProblem: Hashable, Sendable {
    public let row: Int
    /// The header as written in the file, or the field's own name when the file has no such column.
    public let column: LocalizedText
    public let message: LocalizedText

    public init(row: Int, column: LocalizedText, message: LocalizedText) {
        self.row = row
        self.column = column
        self.message = message
    }

    /// `FILE:ROW:COLUMN-NAME: message`, as compilers and `gridwork check` print a position.
    public func line(file: String, in language: Language) -> String {
        "\(file):\(row):\(column(language)): \(message(language))"
    }

    /// Text quoted from a cell into a message, with any run of 7 or more digits starred out, so
    /// a number typed into the wrong column is never printed; cut after `limit` characters.
    static func quoted(_ text: String, limit: Int = 40) -> String {
        var result = ""
        var digits = ""
        func flush() {
            result += digits.count >= 7 ? String(repeating: "*", count: digits.count) : digits
            digits = ""
        }
        for character in text.prefix(limit) {
            if character.isASCII && character.isNumber { digits.append(character) } else { flush(); result.append(character) }
        }
        flush()
        return result + (text.count > limit ? "…" : "")
    }
}
