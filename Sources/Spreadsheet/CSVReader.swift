import Foundation

/// Reads a CSV file (RFC 4180) into rows of text: fields quoted or not, quoted fields holding
/// commas, line breaks and doubled quotes, lines ended by CRLF or LF. The encoding is found from
/// the bytes unless given: a byte-order mark or valid UTF-8 means UTF-8, anything else is read
/// as GB18030 (what Excel on a Chinese Windows saves). Lenient where spreadsheet programs are:
/// a quote inside an unquoted field is kept as a character, and text after a closing quote is
/// kept too. The separator is the comma, unless the first line has none and has tabs or
/// semicolons (a "CSV" saved by a European or tab-separated export).
public enum CSVReader {
    public static func read(_ data: Data, encoding: CSVEncoding? = nil) throws(SpreadsheetReadError) -> ReadTable {
        let (text, used) = try decode(data, encoding: encoding)
        return ReadTable(rows: try parse(text), encoding: used)
    }

    /// The bytes as text, and the encoding they were read in.
    public static func decode(_ data: Data, encoding: CSVEncoding? = nil) throws(SpreadsheetReadError) -> (String, CSVEncoding) {
        if let encoding {
            guard let text = encoding.decode(data) else { throw .undecodable(encoding: encoding) }
            return (text, encoding)
        }
        if let text = CSVEncoding.utf8.decode(data) { return (text, .utf8) }
        if let text = CSVEncoding.gb18030.decode(data) { return (text, .gb18030) }
        throw .undecodable(encoding: nil)
    }

    /// The records of `text`; a record is the row a spreadsheet program shows, however many
    /// line breaks its quoted fields hold. A final line break ends the last record.
    public static func parse(_ text: String) throws(SpreadsheetReadError) -> [[String]] {
        let bytes = Array(text.utf8)
        let separator = Self.separator(bytes)
        let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var index = 0
        var quoted = false
        var quoteOpenedOnRow = 0
        // Whether anything (a field or a separator) started the record, so a final line break
        // does not make an empty last row, and an empty line is still a row.
        var recordStarted = false
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            rows.append(row)
            row = []
            recordStarted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == quote {
                    if index + 1 < bytes.count && bytes[index + 1] == quote {
                        field.append(quote)
                        index += 2
                        continue
                    }
                    quoted = false
                } else {
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case quote where field.isEmpty:
                quoted = true
                quoteOpenedOnRow = rows.count + 1
                recordStarted = true
            case separator:
                endField()
                recordStarted = true
            case lineFeed:
                endRecord()
            case carriageReturn:
                endRecord()
                if index + 1 < bytes.count && bytes[index + 1] == lineFeed { index += 1 }
            default:
                field.append(byte)
                recordStarted = true
            }
            index += 1
        }
        if quoted { throw .unterminatedQuote(row: quoteOpenedOnRow) }
        if recordStarted || !field.isEmpty || !row.isEmpty { endRecord() }
        return rows
    }

    /// The comma, unless the first line (outside quotes) has none but has tabs or semicolons.
    static func separator(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ";") { counts[byte, default: 0] += 1 }
        }
        if counts[UInt8(ascii: ","), default: 0] > 0 { return UInt8(ascii: ",") }
        if counts[UInt8(ascii: "\t"), default: 0] > 0 { return UInt8(ascii: "\t") }
        if counts[UInt8(ascii: ";"), default: 0] > 0 { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }
}
