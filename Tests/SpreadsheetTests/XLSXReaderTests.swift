import Foundation
import Testing
@testable import Spreadsheet
import TestSupport

/// Workbooks written by other programs: python3-openpyxl (Debian), and a hand-made one with
/// the parts other generators use (inline strings, prefixed elements, rich text with phonetic
/// guides, dates from 1904, an absolute relationship target).
@Suite struct XLSXReaderTests {
    @Test func aWorkbookWrittenByOpenpyxlReadsAsASpreadsheetShowsIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let path = folder.path + "/ledger.xlsx"
        let run = try DebianPython.run("""
            import sys, datetime, openpyxl
            wb = openpyxl.Workbook()
            first = wb.active
            first.title = "说明"
            first["A1"] = "本表为测试数据"
            ws = wb.create_sheet("台账")
            ws.append(["某社区人口台账"])
            ws.append(["网格编码", "姓名", "性别", "出生日期", "身份证号", "手机号", "人数", "比例", "在册"])
            ws.append(["420303001001001", "张三", "男", datetime.date(1950, 3, 1), "42039919500301001X", 13800000001, 3, 0.5, True])
            ws["A5"] = "420303001001002"
            ws["C5"] = "女"
            ws["D5"] = datetime.datetime(1980, 1, 2, 12, 0)
            ws["D6"] = datetime.date(2026, 11, 22)
            ws["D6"].number_format = 'yyyy"年"m"月"d"日"'
            ws["E6"] = 46348
            wb.save(sys.argv[1])
            """, [path])
        try #require(run.status == 0, Comment(rawValue: DebianPython.report(run)))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))

        #expect(try XLSXReader.sheetNames(data) == ["说明", "台账"])
        let first = try XLSXReader.read(data)
        #expect(first.sheet == "说明" && first.rows == [["本表为测试数据"]], "the first sheet unless one is named")

        let ledger = try XLSXReader.read(data, sheet: "台账")
        #expect(ledger.sheet == "台账")
        #expect(ledger.rows.count == 6)
        #expect(ledger.rows[0] == ["某社区人口台账"])
        #expect(ledger.rows[1] == ["网格编码", "姓名", "性别", "出生日期", "身份证号", "手机号", "人数", "比例", "在册"])
        #expect(ledger.rows[2] == ["420303001001001", "张三", "男", "1950-03-01", "42039919500301001X", "13800000001", "3", "0.5", "TRUE"])
        #expect(ledger.rows[3] == [], "a row the file leaves out is an empty row, so row numbers match")
        #expect(ledger.rows[4] == ["420303001001002", "", "女", "1980-01-02 12:00:00"])
        #expect(ledger.rows[5] == ["", "", "", "2026-11-22", "46348"], "a date style shows a date; a plain number stays a number")
        #expect(ledger.cell(4, 1) == "" && ledger.cell(9, 9) == "")

        #expect(throws: SpreadsheetReadError.noSuchSheet(name: "Sheet9", available: ["说明", "台账"])) { try XLSXReader.read(data, sheet: "Sheet9") }
    }

    @Test func theOtherWaysGeneratorsWriteTheParts() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let path = folder.path + "/made.xlsx"
        let run = try DebianPython.run(#"""
            import sys, zipfile
            parts = {
              "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
              "xl/workbook.xml": '<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="人口台账" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>',
              "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
              "xl/styles.xml": '<?xml version="1.0"?><x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><x:numFmt numFmtId="171" formatCode="0.00_);[Red]\(0.00\)"/></x:numFmts><x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="170"/><x:xf numFmtId="171"/></x:cellXfs></x:styleSheet>',
              "xl/sharedStrings.xml": '<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:r><x:t>王</x:t></x:r><x:r><x:t xml:space="preserve">小明</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ワン</x:t></x:rPh></x:si></x:sst>',
              "xl/worksheets/data.xml": '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
                '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>出生日期</x:t></x:is></x:c></x:row>'
                '<x:row r="3"><x:c r="A3" t="s"><x:v>0</x:v></x:c><x:c r="B3" t="str"><x:f>A1</x:f><x:v>公式结果</x:v></x:c><x:c r="C3" s="1"><x:v>43538</x:v></x:c><x:c r="D3" s="2"><x:v>1.3800138E10</x:v></x:c><x:c r="E3" t="e"><x:v>#N/A</x:v></x:c></x:row>'
                '<x:row r="4"><x:c r="B4" s="2"/></x:row>'
                '</x:sheetData></x:worksheet>',
            }
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                for name, text in parts.items():
                    z.writestr(name, text)
            """#, [path])
        try #require(run.status == 0, Comment(rawValue: DebianPython.report(run)))
        let table = try XLSXReader.read(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(table.sheet == "人口台账")
        #expect(table.rows == [["姓名", "", "出生日期"], [], ["王小明", "公式结果", "2023-03-15", "13800138000", "#N/A"]],
                "inline and rich strings (without the phonetic guide), a formula's cached value, a 1904 date, a number written out; a formatted empty row at the end is not a row")
    }

    @Test func whatIsNotAWorkbookIsRefused() {
        #expect(throws: SpreadsheetReadError.notAWorkbook(reason: "not a zip archive")) { try XLSXReader.read(Data("姓名,性别\n".utf8)) }
    }

    @Test func formatCodesThatShowDates() {
        #expect(XLSXStylesReader.isDateFormat("yyyy-mm-dd"))
        #expect(XLSXStylesReader.isDateFormat("[$-804]yyyy\"年\"m\"月\"d\"日\";@"))
        #expect(!XLSXStylesReader.isDateFormat("General"))
        #expect(!XLSXStylesReader.isDateFormat("0.00_);[Red]\\(0.00\\)"))
        #expect(!XLSXStylesReader.isDateFormat("#,##0\"元\""))
        #expect(XLSXStylesReader.isBuiltInDate(14) && XLSXStylesReader.isBuiltInDate(57) && !XLSXStylesReader.isBuiltInDate(49))
    }

    /// Found while writing the fuzz target: a cell reference with more letters than a sheet has columns overflowed
    /// the column number (a trap). Such a cell is past the last column, so it is left out.
    @Test func aCellReferenceWithTooManyLettersIsPastTheLastColumn() throws {
        #expect(XLSXSheetReader.columnIndex("XFD1") == 16_383)
        #expect((XLSXSheetReader.columnIndex(String(repeating: "Z", count: 40) + "1") ?? 0) >= 16_384)
        let sheet = Data(("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c>"
            + "<c r=\"\(String(repeating: "A", count: 30))1\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>").utf8)
        let rows = try XLSXSheetReader.parse(sheet, path: "xl/worksheets/sheet1.xml", strings: [], styles: XLSXStylesReader.Styles(), uses1904: false)
        #expect(rows == [["姓名"]])
    }

    /// Found by fuzzing: ZIPFoundation reads an archive in memory through a file whose read past
    /// the end traps, so a directory pointing past the end stopped the program. Refused instead.
    @Test func anArchiveWhoseDirectoryPointsPastItsEndIsRefused() throws {
        let book = try XLSXWriter.data(Workbook(Sheet(name: "台账", header: ["姓名", "性别"], rows: [[.text("张三"), .text("男")]])))
        #expect(try XLSXReader.read(book).rows == [["姓名", "性别"], ["张三", "男"]])
        let end = try #require(book.lastRange(of: Data([0x50, 0x4B, 0x05, 0x06]))?.lowerBound)
        let entry = try #require(book.range(of: Data([0x50, 0x4B, 0x01, 0x02]))?.lowerBound)
        let damaged: [(String, Int)] = [("the directory", end + 16), ("a local header", entry + 42)]
        for (what, offset) in damaged {
            var bytes = book
            bytes.replaceSubrange(offset..<offset + 4, with: [0x00, 0x00, 0x00, 0x7F])
            #expect(throws: SpreadsheetReadError.notAWorkbook(reason: "a damaged zip archive"), "\(what) past the end") { try XLSXReader.read(bytes) }
            #expect(throws: SpreadsheetReadError.notAWorkbook(reason: "a damaged zip archive")) { try XLSXReader.sheetNames(bytes) }
        }
    }

    /// Found by CI's fuzz run: ZIPFoundation asked forever for more input when a deflated part's
    /// stream did not end within its compressed size (an 8.5 KB workbook hung the import for
    /// minutes). The directory is read here and the inflating fed by a source that runs out.
    @Test func aPartWhoseCompressedBytesEndTooSoonIsDamagedNotAHang() throws {
        let book = try XLSXWriter.data(Workbook(Sheet(name: "台账", header: ["姓名", "性别"], rows: (1...400).map { [.text("张三\($0)"), .text("男")] })))
        let directory = try ZIPDirectory(book)
        let sheet = try #require(directory.entry("xl/worksheets/sheet1.xml"))
        #expect(sheet.method == 8 && sheet.bytes.count > 100)
        // The directory's compressed size of the sheet, cut to a third: its stream cannot end.
        let record = try #require(Self.directoryRecord(of: "xl/worksheets/sheet1.xml", in: book))
        var truncated = book
        Self.put(UInt32(sheet.bytes.count / 3), at: record + 20, in: &truncated)
        #expect(throws: SpreadsheetReadError.damagedPart(path: "xl/worksheets/sheet1.xml", reason: "its compressed bytes end before its data does")) {
            try XLSXReader.read(truncated)
        }
        // A declared length shorter than the data: inflating stops there.
        var short = book
        Self.put(UInt32(10), at: record + 24, in: &short)
        #expect(throws: SpreadsheetReadError.damagedPart(path: "xl/worksheets/sheet1.xml", reason: "longer than the directory says (10 bytes)")) {
            try XLSXReader.read(short)
        }
        // A wrong CRC-32.
        var wrongSum = book
        Self.put(UInt32(0xDEAD_BEEF), at: record + 16, in: &wrongSum)
        #expect(throws: SpreadsheetReadError.damagedPart(path: "xl/worksheets/sheet1.xml", reason: "its CRC-32 does not match")) {
            try XLSXReader.read(wrongSum)
        }
        // A method that is not stored or deflated.
        var otherMethod = book
        otherMethod[record + 10] = 12
        #expect(throws: SpreadsheetReadError.damagedPart(path: "xl/worksheets/sheet1.xml", reason: "compressed by method 12, which is not read")) {
            try XLSXReader.read(otherMethod)
        }
        #expect(try XLSXReader.read(book).rows.count == 401, "the undamaged workbook reads")
        // The same bytes as a slice that does not start at index 0.
        let padded = Data([0, 1, 2]) + book
        #expect(try XLSXReader.read(padded[3...]).rows.count == 401)
    }

    /// The workbook CI's fuzz run found, kept as a seed of the `xlsx` fuzz part.
    @Test func theWorkbookThatHungIsRefusedQuickly() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fuzz/Seeds/xlsx/hang-deflate-without-end.xlsx").standardizedFileURL
        let bytes = try Data(contentsOf: file)
        #expect(throws: SpreadsheetReadError.self) { try XLSXReader.read(bytes) }
    }

    /// The offset of the central directory record naming `path`.
    static func directoryRecord(of path: String, in archive: Data) -> Int? {
        let name = Data(path.utf8)
        var from = archive.startIndex
        while let found = archive.range(of: Data([0x50, 0x4B, 0x01, 0x02]), in: from..<archive.endIndex) {
            let at = found.lowerBound
            let length = Int(archive[at + 28]) | Int(archive[at + 29]) << 8
            if at + 46 + length <= archive.endIndex && archive[(at + 46)..<(at + 46 + length)] == name { return at }
            from = found.upperBound
        }
        return nil
    }

    static func put(_ value: UInt32, at offset: Int, in data: inout Data) {
        for index in 0..<4 { data[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    /// Found by fuzzing: FoundationXML force-unwraps element names as UTF-8, so `<\xFF\xFFz>` in a
    /// part stopped the program. A part that is not UTF-8 is a damaged part.
    @Test func aPartThatIsNotUTF8IsDamaged() throws {
        let part = Data([0x3C, 0xFF, 0xFF, 0x7A, 0x3E])
        #expect(throws: SpreadsheetReadError.damagedPart(path: "xl/workbook.xml", reason: "not UTF-8")) {
            try XLSXWorkbookReader.parse(part)
        }
        #expect(throws: SpreadsheetReadError.damagedPart(path: "xl/worksheets/sheet1.xml", reason: "not UTF-8")) {
            try XLSXSheetReader.parse(part, path: "xl/worksheets/sheet1.xml", strings: [], styles: XLSXStylesReader.Styles(), uses1904: false)
        }
        // Found by fuzzing too: a declared encoding libxml2 does not know is read as UTF-8, unchecked.
        var declared = Data(#"<?xml version="1.0" encoding="\#u{92}i-8"?><"#.utf8)
        declared.append(contentsOf: [0xFF, 0xFF, 0x7A, 0x2F, 0x3E])
        #expect(throws: SpreadsheetReadError.damagedPart(path: "xl/sharedStrings.xml", reason: "not UTF-8")) {
            try XLSXSharedStringsReader.parse(declared)
        }
        // UTF-16, which libxml2 converts, is still read.
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(#"<?xml version="1.0" encoding="UTF-16"?><sst><si><t>张三</t></si></sst>"#.data(using: .utf16LittleEndian) ?? Data())
        #expect(try XLSXSharedStringsReader.parse(utf16) == ["张三"])
    }
}
