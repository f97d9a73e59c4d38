import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Spreadsheet
import TestSupport
import ZIPFoundation

/// A workbook that Excel, LibreOffice and openpyxl open: its parts, and what openpyxl reads.
struct XLSXWriterTests {
    let day = SheetDate(year: 2026, month: 11, day: 22)

    var sample: Sheet {
        Sheet(name: "居民", header: ["姓名", "地址", "出生日期", "巡查时间", "人数", "备注"], rows: [
            [.text("居民甲"), .text("清潭花园 3栋 2单元 501"), .date(SheetDate(year: 1950, month: 3, day: 1)),
             .dateTime(day, hour: 9, minute: 30), .integer(3), .text("第一行\n第二行")],
            [.text("Resident B"), .empty, .date(SheetDate(year: 1890, month: 1, day: 2)), .text(""), .integer(-1), .text("=1+1")],
        ])
    }

    /// The archive's parts, by path, as text.
    func parts(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var found: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            found[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return found
    }

    @Test func holdsEveryPartOfAMinimalWorkbookAsWellFormedXML() throws {
        let files = try parts(try XLSXWriter.data(Workbook(sample)))
        #expect(Set(files.keys) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                     "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
        for (path, text) in files {
            let parser = XMLParser(data: Data(text.utf8))
            #expect(parser.parse(), "\(path) is not well-formed: \(String(describing: parser.parserError))")
        }
        let sheet = try #require(files["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<dimension ref=\"A1:F3\"/>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:F3\"/>"))
        #expect(sheet.contains("<cols><col min=\"1\" max=\"1\""))
        // 2026-11-22 is serial 46348; 09:30 is 0.39583… of a day, written with every digit.
        #expect(sheet.contains("<c r=\"D2\" s=\"2\"><v>46348.395833333336</v></c>"))
        #expect(try #require(files["xl/styles.xml"]).contains("formatCode=\"yyyy-mm-dd\""))
        #expect(try #require(files["xl/sharedStrings.xml"]).contains("<t>居民甲</t>"))
        #expect(try #require(files["[Content_Types].xml"]).contains("/xl/worksheets/sheet1.xml"))
    }

    @Test func theSameWorkbookGivesTheSameBytes() throws {
        #expect(try XLSXWriter.data(Workbook(sample)) == XLSXWriter.data(Workbook(sample)))
    }

    @Test func openpyxlReadsHeadersChineseTextDatesNumbersWidthsAndTheFrozenHeader() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let path = folder.path + "/居民.xlsx"
        try SpreadsheetFileWriter.write(try XLSXWriter.data(Workbook(sample)), to: path, replacing: false)

        let sheet = try #require(try SpreadsheetReadBack(path).sheets.first)
        #expect(sheet.title == "居民")
        #expect(sheet.texts[0] == ["姓名", "地址", "出生日期", "巡查时间", "人数", "备注"])
        #expect(sheet.bold == [true, true, true, true, true, true])
        #expect(sheet.freeze == "A2")
        #expect(sheet.filter == "A1:F3")

        let first = sheet.rows[1]
        #expect(first[0] == .init(value: "居民甲", type: "str", format: "General"))
        #expect(first[2] == .init(value: "1950-03-01T00:00:00", type: "date", format: "yyyy-mm-dd"))
        #expect(first[3] == .init(value: "2026-11-22T09:30:00", type: "date", format: "yyyy-mm-dd hh:mm"))
        #expect(first[4] == .init(value: "3", type: "int", format: "General"))
        #expect(first[5].value == "第一行\n第二行")

        let second = sheet.rows[1 + 1]
        #expect(second[1].type == nil && second[3].type == nil, "an empty cell, or empty text, stays empty")
        #expect(second[2] == .init(value: "1890-01-02", type: "str", format: "General"), "a date Excel cannot hold stays text")
        #expect(second[4].value == "-1" && second[4].type == "int")
        #expect(second[5] == .init(value: "=1+1", type: "str", format: "General"), "text in a workbook is never a formula")

        // The address column is wider than the name column, and CJK counts double: 居民甲 is 6 wide.
        let name = try #require(sheet.widths["A"]), address = try #require(sheet.widths["B"])
        #expect(name >= 8 && address > name, "\(sheet.widths)")
        #expect(try #require(sheet.widths["B"]) >= Double("清潭花园 3栋 2单元 501".count + 8))
    }

    @Test func severalSheetsWithNamesExcelAccepts() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let sheets = [
            Sheet(name: "网格/社区 [汇总]", header: ["网格", "户数"], rows: [[.text("第1网格"), .integer(12)]]),
            Sheet(name: "网格/社区 [汇总]", header: ["x"], rows: []),
            Sheet(name: String(repeating: "长", count: 40), header: [], rows: [[.text("no header")]]),
        ]
        let path = folder.path + "/report.xlsx"
        try SpreadsheetFileWriter.write(try XLSXWriter.data(Workbook(sheets: sheets)), to: path, replacing: false)
        let read = try SpreadsheetReadBack(path)
        #expect(read.sheets.map(\.title) == ["网格_社区 _汇总_", "网格_社区 _汇总_ (2)", String(repeating: "长", count: 31)])
        #expect(read.sheets[0].texts == [["网格", "户数"], ["第1网格", "12"]])
        #expect(read.sheets[2].freeze == nil, "no header, nothing frozen")
        #expect(read.sheets[2].texts == [["no header"]])
    }

    @Test func officeEscapesAndMarkupComeBackAsTheyWereControlCharactersAreLeftOut() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let odd = ["bell\u{7}here", "_x0041_ literal", "<b>&amp;</b> \"quoted\"", "  spaced  ", "tab\there"]
        let path = folder.path + "/odd.xlsx"
        try SpreadsheetFileWriter.write(try XLSXWriter.data(Workbook(Sheet(name: "odd", header: ["text"], rows: odd.map { [.text($0)] }))),
                                        to: path, replacing: false)
        let sheet = try #require(try SpreadsheetReadBack(path).sheets.first)
        // XML cannot hold a bell even escaped: it is left out; the rest comes back as it was.
        #expect(sheet.texts.dropFirst().map { $0[0] } == ["bellhere"] + odd.dropFirst())
    }
}
