import Foundation

/// `xl/styles.xml`, only as far as telling dates from numbers: a cell's style (`s`) is an index
/// into `cellXfs`, whose `numFmtId` is a built-in format or one of the workbook's own `numFmts`.
final class XLSXStylesReader: XLSXXMLHandler {
    struct Styles {
        /// For each cell style, whether its number format shows a date.
        var isDate: [Bool] = []
    }

    private var formatIDs: [Int] = []
    private var customFormats: [Int: String] = [:]
    private var inCellStyles = false

    static func parse(_ data: Data) throws(SpreadsheetReadError) -> Styles {
        let handler = XLSXStylesReader()
        try handler.run(data, path: "xl/styles.xml")
        return Styles(isDate: handler.formatIDs.map { id in
            if let code = handler.customFormats[id] { return isDateFormat(code) }
            return isBuiltInDate(id)
        })
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs":
            inCellStyles = true
        case "xf" where inCellStyles:
            formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    override func end(_ name: String) {
        if name == "cellXfs" { inCellStyles = false }
    }

    /// The built-in formats that show a date: 14–22 everywhere, and 27–36, 50–58 and 71–81,
    /// which Chinese, Japanese and Korean Excel show as `yyyy"年"m"月"d"日"` and the like.
    static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) || (71...81).contains(id)
    }

    /// A format code shows a date when, outside quoted text, escaped characters and `[...]`
    /// (colours, locales, conditions), it has a year or day part.
    static func isDateFormat(_ code: String) -> Bool {
        var plain = ""
        var inQuote = false, inBracket = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket { if character == "]" { inBracket = false }; continue }
            switch character {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escaped = true
            default: plain.append(character)
            }
        }
        let lower = plain.lowercased()
        return lower.contains("y") || lower.contains("d")
    }
}
