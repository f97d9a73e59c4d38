import Testing
@testable import TerminalUI

@Suite struct CursorPositionReportTests {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func readsTheRowAndColumn() {
        #expect(CursorPositionReport.parse(bytes("\u{1B}[12;3R")) == CursorPositionReport(row: 12, column: 3))
        #expect(CursorPositionReport.parse(bytes("\u{1B}[1;2R")) == CursorPositionReport(row: 1, column: 2))
        #expect(CursorPositionReport.parse(bytes("\u{1B}[132;200R")) == CursorPositionReport(row: 132, column: 200))
    }

    @Test func keysTypedAroundTheReplyAreSkipped() {
        #expect(CursorPositionReport.parse(bytes("jk\u{1B}[5;3R")) == CursorPositionReport(row: 5, column: 3))
        #expect(CursorPositionReport.parse(bytes("\u{1B}[A\u{1B}[5;2Rq")) == CursorPositionReport(row: 5, column: 2))
        #expect(CursorPositionReport.parse(bytes("R\u{1B}[7;2R")) == CursorPositionReport(row: 7, column: 2))
    }

    @Test func anIncompleteOrMalformedReplyIsNone() {
        for text in ["", "\u{1B}[12;3", "\u{1B}[12R", "\u{1B}[;3R", "\u{1B}[12;R", "[12;3R", "\u{1B}12;3R", "\u{1B}[0;3R",
                     "\u{1B}[1;1234567R", "\u{1B}[1;x3R", "R"] {
            #expect(CursorPositionReport.parse(bytes(text)) == nil, "\(text.debugDescription)")
        }
    }

    @Test func theColumnAfterTheProbeTellsTheWidth() {
        #expect(CursorPositionReport(row: 4, column: 2).ambiguousIsWide == false)
        #expect(CursorPositionReport(row: 4, column: 3).ambiguousIsWide == true)
        #expect(CursorPositionReport(row: 4, column: 1).ambiguousIsWide == nil, "the terminal did not move: unknown")
        #expect(CursorPositionReport(row: 4, column: 9).ambiguousIsWide == nil)
    }
}
