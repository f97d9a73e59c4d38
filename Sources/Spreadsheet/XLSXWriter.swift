import Foundation
import ZIPFoundation

/// Writes a `Workbook` as a minimal Office Open XML spreadsheet (`.xlsx`) that Excel,
/// LibreOffice, WPS and openpyxl open: the content types, the package and workbook
/// relationships, the workbook, one worksheet per sheet, the styles and the shared strings,
/// zipped with ZIPFoundation.
///
/// Each sheet's header row is bold, frozen and carries a filter; columns are as wide as their
/// content (a Chinese character counts two); text is text (an ID number never turns into a
/// rounded number), integers are numbers, dates are date serials with a date format, so the
/// workbook sorts and filters them as dates. Text is stored in the shared strings part, as
/// Excel itself does, so repeated values (grid codes, kinds) are stored once.
public enum XLSXWriter {
    /// Indices into `cellXfs` in `styles.xml`.
    enum Style: Int {
        case normal = 0, date, dateTime, header, wrapped
    }

    /// Excel's limit on the characters of a cell; longer text is cut (with an ellipsis) rather
    /// than making a file Excel calls corrupt.
    static let maximumCellText = 32_767

    /// The workbook's bytes. Throws only when the archive cannot be built.
    public static func data(_ book: Workbook) throws(SpreadsheetError) -> Data {
        // A workbook needs a sheet: Excel refuses one without.
        let workbook = book.sheets.isEmpty ? Workbook(Sheet(name: "Sheet1", header: [])) : book
        var strings = SharedStrings()
        let names = sheetNames(workbook.sheets.map(\.name))
        var parts: [(path: String, text: String)] = []
        for (index, sheet) in workbook.sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet, strings: &strings)))
        }
        let fixed: [(path: String, text: String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: workbook.sheets.count)),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbookPart(names: names, sheets: workbook.sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: workbook.sheets.count)),
            ("xl/styles.xml", styles),
            ("xl/sharedStrings.xml", strings.part),
        ]
        return try zip(fixed + parts)
    }

    // MARK: Parts

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(sheetCount: Int) -> String {
        var text = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in 0..<sheetCount {
            text += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return text + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "</Types>"
    }

    static let packageRelationships = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "</Relationships>"

    static func workbookPart(names: [String], sheets: [Sheet]) -> String {
        var text = header + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
            + "<bookViews><workbookView/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            text += "<sheet name=\"\(XMLText.escaped(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        text += "</sheets>"
        // The header's filter range, named as Excel names it when it makes one itself.
        let filtered = sheets.enumerated().filter { !$0.element.header.isEmpty }
        if !filtered.isEmpty {
            text += "<definedNames>"
            for (index, sheet) in filtered {
                let quoted = "'" + names[index].replacingOccurrences(of: "'", with: "''") + "'"
                let last = CellReference.column(max(0, sheet.columnCount - 1))
                text += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                    + XMLText.escaped("\(quoted)!$A$1:$\(last)$\(sheet.rows.count + 1)") + "</definedName>"
            }
            text += "</definedNames>"
        }
        return text + "</workbook>"
    }

    static func workbookRelationships(sheetCount: Int) -> String {
        var text = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 0..<sheetCount {
            text += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        return text + "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
            + "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationshipNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            + "</Relationships>"
    }

    /// Fonts (regular, bold), the two fills every workbook must have, one border, and the cell
    /// formats of `Style`: dates as `yyyy-mm-dd` (custom format 164), date-times as
    /// `yyyy-mm-dd hh:mm` (165), the bold header, and wrapped text for cells of several lines.
    static let styles = header + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/><numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm\"/></numFmts>"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"5\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    /// One sheet: its extent, the frozen header, the column widths, the rows, the filter.
    static func worksheet(_ sheet: Sheet, strings: inout SharedStrings) -> String {
        let columns = sheet.columnCount
        let lastRow = sheet.rows.count + (sheet.header.isEmpty ? 0 : 1)
        let extent = columns == 0 || lastRow == 0 ? "A1" : "A1:" + CellReference.cell(column: columns - 1, row: lastRow - 1)
        var text = header + "<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
        text.reserveCapacity(100 * columns * lastRow)
        text += "<dimension ref=\"\(extent)\"/>"
        text += "<sheetViews><sheetView workbookViewId=\"0\">"
        if !sheet.header.isEmpty {
            text += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
        }
        text += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"
        let widths = ColumnWidths.of(sheet)
        if !widths.isEmpty {
            text += "<cols>"
            for (index, width) in widths.enumerated() {
                text += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(String(format: "%.1f", width))\" customWidth=\"1\"/>"
            }
            text += "</cols>"
        }
        text += "<sheetData>"
        if !sheet.header.isEmpty {
            text += "<row r=\"1\">"
            for (index, title) in sheet.header.enumerated() {
                text += cell(.text(title), column: index, row: 0, style: .header, strings: &strings)
            }
            text += "</row>"
        }
        // Without a header the rows start at the top.
        let first = sheet.header.isEmpty ? 0 : 1
        for (rowIndex, row) in sheet.rows.enumerated() {
            text += "<row r=\"\(first + rowIndex + 1)\">"
            for (index, value) in row.enumerated() {
                text += cell(value, column: index, row: first + rowIndex, style: nil, strings: &strings)
            }
            text += "</row>"
        }
        text += "</sheetData>"
        if !sheet.header.isEmpty { text += "<autoFilter ref=\"\(extent)\"/>" }
        return text + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
    }

    /// One `<c>`: text as a shared string, an integer as a number, a date as its serial with a
    /// date style; a date Excel's calendar cannot hold (before 1900-03-01) as its ISO text, so it
    /// is neither lost nor shown one day off. Empty cells (and empty text) are left out, as Excel does.
    static func cell(_ value: SheetCell, column: Int, row: Int, style: Style?, strings: inout SharedStrings) -> String {
        let reference = CellReference.cell(column: column, row: row)
        func styled(_ fallback: Style) -> String {
            let chosen = style ?? fallback
            return chosen == .normal ? "" : " s=\"\(chosen.rawValue)\""
        }
        switch value {
        case .empty, .text(""):
            return ""
        case .text(let text):
            let kept = text.count > maximumCellText ? String(text.prefix(maximumCellText - 1)) + "…" : text
            let index = strings.index(of: kept)
            return "<c r=\"\(reference)\"\(styled(kept.contains(where: \.isNewline) ? .wrapped : .normal)) t=\"s\"><v>\(index)</v></c>"
        case .integer(let number):
            return "<c r=\"\(reference)\"\(styled(.normal))><v>\(number)</v></c>"
        case .date(let date):
            guard let serial = date.excelSerial else { return cell(.text(date.iso), column: column, row: row, style: style, strings: &strings) }
            return "<c r=\"\(reference)\"\(styled(.date))><v>\(serial)</v></c>"
        case .dateTime(let date, let hour, let minute):
            guard let serial = date.excelSerial, (0..<24).contains(hour), (0..<60).contains(minute) else {
                return cell(.text(value.plainText), column: column, row: row, style: style, strings: &strings)
            }
            // The time of day is the fraction of the day, written with every digit a Double has
            // (Swift's shortest exact form): fewer digits read back seconds off the minute.
            let fraction = Double(hour * 60 + minute) / 1440
            return "<c r=\"\(reference)\"\(styled(.dateTime))><v>\(Double(serial) + fraction)</v></c>"
        }
    }

    /// Names Excel accepts for the sheets: at most 31 characters, none of `: \ / ? * [ ]`, not
    /// starting or ending with an apostrophe, not "History" (Excel reserves it), and no two the
    /// same regardless of case (a repeat gets ` (2)`).
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used: Set<String> = []
        return wanted.enumerated().map { index, name in
            var cleaned = String(name.map { ":\\/?*[]".contains($0) ? "_" : $0 })
            while cleaned.hasPrefix("'") { cleaned.removeFirst() }
            while cleaned.hasSuffix("'") { cleaned.removeLast() }
            if cleaned.trimmingCharacters(in: .whitespaces).isEmpty || cleaned.lowercased() == "history" { cleaned = "Sheet\(index + 1)" }
            cleaned = String(cleaned.prefix(31))
            var candidate = cleaned
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = String(cleaned.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    // MARK: The archive

    /// A modification time for every entry, so the same workbook gives the same bytes
    /// (the zip format's earliest date; readers ignore it).
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    static func zip(_ parts: [(path: String, text: String)]) throws(SpreadsheetError) -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in parts {
                let bytes = Data(part.text.utf8)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: entryDate,
                                     compressionMethod: .deflate) { position, size in
                    let start = bytes.startIndex + Int(position)
                    return bytes.subdata(in: start..<min(bytes.endIndex, start + size))
                }
            }
            guard let data = archive.data else { throw SpreadsheetError.archive("the archive kept no data") }
            return data
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw .archive(String(describing: error))
        }
    }
}
