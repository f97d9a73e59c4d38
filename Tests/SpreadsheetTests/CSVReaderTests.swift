import Foundation
import Testing
@testable import Spreadsheet
import TestSupport

/// CSV files as spreadsheet programs and Python write them: UTF-8 with and without the BOM
/// Excel puts first, GB18030 and GBK as Chinese Windows saves them, quoted fields.
@Suite struct CSVReaderTests {
    @Test func utf8WithAndWithoutBOMReadsTheSame() throws {
        let text = "姓名,身份证号\n张三,11010519491231002X\n"
        let plain = try CSVReader.read(Data(text.utf8))
        let marked = try CSVReader.read(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
        #expect(plain.rows == [["姓名", "身份证号"], ["张三", "11010519491231002X"]])
        #expect(marked.rows == plain.rows, "the BOM is not part of the first header")
        #expect(plain.encoding == .utf8 && marked.encoding == .utf8)
    }

    @Test func quotedFieldsHoldSeparatorsLineBreaksAndDoubledQuotes() throws {
        let text = "a,b,c\r\n\"1,5\",\"two\r\nlines\",\"say \"\"hi\"\"\"\r\n,,\r\n\"\",x,\r\n"
        let rows = try CSVReader.parse(text)
        #expect(rows == [["a", "b", "c"], ["1,5", "two\r\nlines", "say \"hi\""], ["", "", ""], ["", "x", ""]])
    }

    @Test func rowsAreNumberedAsASpreadsheetShowsThem() throws {
        // A quoted line break keeps one record one row; an empty line is a row of its own.
        let rows = try CSVReader.parse("h1,h2\n\"x\ny\",1\n\nlast,2")
        #expect(rows.count == 4)
        #expect(rows[1] == ["x\ny", "1"])
        #expect(rows[2] == [""])
        #expect(rows[3] == ["last", "2"], "a last line without a line break is read")
    }

    @Test func anUnclosedQuoteIsAnErrorNamingItsRow() {
        #expect(throws: SpreadsheetReadError.unterminatedQuote(row: 3)) { try CSVReader.parse("a\nb\n\"never closed,1\n2\n") }
    }

    @Test func lenientWhereSpreadsheetsAre() throws {
        #expect(try CSVReader.parse("a\"b,\"c\"d\n") == [["a\"b", "cd"]])
        #expect(try CSVReader.parse("姓名\t性别\n王五\t男\n") == [["姓名", "性别"], ["王五", "男"]], "tab-separated")
        #expect(try CSVReader.parse("name;gender\nA;B\n") == [["name", "gender"], ["A", "B"]], "semicolons")
    }

    @Test func gb18030WrittenByPythonIsDetectedAndRead() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let path = folder.path + "/ledger.csv"
        // Python's csv module and codec: two-byte hanzi, a four-byte one (U+20000), 〇 and €,
        // a quoted field with a comma, a line break and a quote.
        let run = try DebianPython.run("""
            import csv, sys
            rows = [["网格", "姓名", "备注"], ["第一网格", "张〇𠀀", "价格€5,含\\n换行与\\"引号\\""], ["第二网格", "李四", ""]]
            with open(sys.argv[1], "w", encoding=sys.argv[2], newline="") as f:
                csv.writer(f).writerows(rows)
            """, [path, "gb18030"])
        try #require(run.status == 0, Comment(rawValue: DebianPython.report(run)))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(String(data: data, encoding: .utf8) == nil, "the file really is not UTF-8")
        let table = try CSVReader.read(data)
        #expect(table.encoding == .gb18030)
        #expect(table.rows == [["网格", "姓名", "备注"], ["第一网格", "张〇𠀀", "价格€5,含\n换行与\"引号\""], ["第二网格", "李四", ""]])

        // GBK (what older Excel saves) is a subset of GB18030.
        let gbk = try DebianPython.run("""
            import csv, sys
            with open(sys.argv[1], "w", encoding="gbk", newline="") as f:
                csv.writer(f).writerows([["姓名", "性别"], ["王小明", "男"]])
            """, [path])
        try #require(gbk.status == 0, Comment(rawValue: DebianPython.report(gbk)))
        #expect(try CSVReader.read(Data(contentsOf: URL(fileURLWithPath: path))).rows == [["姓名", "性别"], ["王小明", "男"]])
    }

    @Test func aForcedEncodingIsUsedAndRefusedWhenWrong() throws {
        let gb = try #require("姓名,王五\n".data(using: String.Encoding(rawValue: 0x8000_0632)))
        #expect(throws: SpreadsheetReadError.undecodable(encoding: .utf8)) { try CSVReader.read(gb, encoding: .utf8) }
        #expect(try CSVReader.read(gb, encoding: .gb18030).rows == [["姓名", "王五"]])
        // ASCII is both: read as asked.
        #expect(try CSVReader.read(Data("a,b\n".utf8), encoding: .gb18030).encoding == .gb18030)
        #expect(CSVEncoding(name: "GBK") == .gb18030 && CSVEncoding(name: "utf8") == .utf8 && CSVEncoding(name: "latin1") == nil)
    }

    @Test func bytesThatAreNeitherAreRefused() {
        #expect(throws: SpreadsheetReadError.undecodable(encoding: nil)) { try CSVReader.read(Data([0x61, 0xFF, 0xFF, 0x2C, 0x80])) }
    }
}
