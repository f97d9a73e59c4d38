/// Text made safe for the XML parts of a workbook.
enum XMLText {
    /// Escapes `& < > "` and leaves out what XML 1.0 cannot hold even escaped: control
    /// characters other than tab, line feed and carriage return (invisible, and meaningless in
    /// a ledger). Office's own escape for them, `_x0007_`, is decoded by Excel but shown as typed
    /// by openpyxl, so it would not read back the same everywhere. A literal `_x0041_` in the
    /// text is protected as Office does (`_x005F_x0041_`), or Excel would read an `A`.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case "_" where startsOfficeEscape(scalars, at: index): result += "_x005F_"
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { result.unicodeScalars.append(scalar) }
            }
            index += 1
        }
        return result
    }

    /// True when `_xHHHH_` (four hex digits) starts at `index`.
    private static func startsOfficeEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
