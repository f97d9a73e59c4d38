import Foundation
import Testing
import Spreadsheet
import TestSupport

/// CSV as Excel opens it: a byte order mark, RFC 4180 quoting, CRLF, and no formula run.
struct CSVWriterTests {
    let day = SheetDate(year: 2026, month: 11, day: 22)

    @Test func startsWithTheByteOrderMarkAndEndsEachLineWithCRLF() {
        let data = CSVWriter.data(Sheet(name: "居民", header: ["姓名", "年龄"], rows: [[.text("居民甲"), .integer(70)]]))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "姓名,年龄\r\n居民甲,70\r\n")
    }

    @Test func quotesCommasQuotesAndLineBreaksAsRFC4180Says() {
        #expect(CSVWriter.field(.text("清潭花园, 3栋")) == "\"清潭花园, 3栋\"")
        #expect(CSVWriter.field(.text("他说\"好\"")) == "\"他说\"\"好\"\"\"")
        #expect(CSVWriter.field(.text("第一行\n第二行")) == "\"第一行\n第二行\"")
        #expect(CSVWriter.field(.text("a\r\nb")) == "\"a\r\nb\"")
        #expect(CSVWriter.field(.text("plain 文字")) == "plain 文字")
        #expect(CSVWriter.field(.empty) == "")
    }

    @Test func guardsTextThatASpreadsheetWouldRunAsAFormula() {
        for dangerous in ["=HYPERLINK(\"http://example.invalid\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            let field = CSVWriter.field(.text(dangerous))
            #expect(field.hasPrefix("\"'"), "\(dangerous) → \(field)")
        }
        #expect(CSVWriter.field(.text("=A1")) == "\"'=A1\"")
        // Only text is guarded: numbers and dates are the writer's own and cannot start a formula.
        #expect(CSVWriter.field(.integer(-3)) == "-3")
        #expect(CSVWriter.field(.date(day)) == "2026-11-22")
        #expect(CSVWriter.field(.dateTime(day, hour: 9, minute: 5)) == "2026-11-22 09:05")
        // A formula character later in the text is harmless.
        #expect(CSVWriter.field(.text("3-1单元")) == "3-1单元")
    }

    @Test func padsShortRowsToTheHeaderSoEveryLineHasAsManyFields() {
        let data = CSVWriter.data(Sheet(name: "x", header: ["a", "b", "c"], rows: [[.text("1")], [], [.text("1"), .text("2"), .text("3"), .text("4")]]))
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "a,b,c,\r\n1,,,\r\n,,,\r\n1,2,3,4\r\n")
    }

    @Test func pythonsCSVModuleReadsItBackWithUTF8Sig() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let rows: [[SheetCell]] = [
            [.text("居民甲"), .text("清潭花园, 3栋 \"东\""), .date(day), .integer(3), .text("第一行\n第二行")],
            [.text("=1+1"), .empty, .dateTime(day, hour: 14, minute: 30), .integer(-1), .text("😀 emoji")],
        ]
        let path = folder.path + "/居民.csv"
        try SpreadsheetFileWriter.write(CSVWriter.data(Sheet(name: "居民", header: ["姓名", "地址", "日期", "人数", "备注"], rows: rows)),
                                        to: path, replacing: false)
        let read = try SpreadsheetReadBack(path)
        #expect(read.hasByteOrderMark)
        #expect(read.endsWithCRLF && read.crlfCount == 3)
        #expect(read.csvRows == [
            ["姓名", "地址", "日期", "人数", "备注"],
            ["居民甲", "清潭花园, 3栋 \"东\"", "2026-11-22", "3", "第一行\n第二行"],
            ["'=1+1", "", "2026-11-22 14:30", "-1", "😀 emoji"],
        ])
    }
}
