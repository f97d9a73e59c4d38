import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test func measuresPerGrapheme() {
        #expect(DisplayWidth.of("王小明") == 6)
        #expect(DisplayWidth.of("3栋2单元") == 8)
        #expect(DisplayWidth.of("ＡＢ") == 4, "fullwidth forms")
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2, "one emoji sequence is one grapheme")
        #expect(DisplayWidth.of("é") == 1, "e with a combining accent")
        #expect(DisplayWidth.of("、。") == 4)
        #expect(DisplayWidth.of("abc") == 3)
    }

    @Test func emojiSequencesFlagsAndAccentsTakeTheirColumnsOnce() {
        #expect(DisplayWidth.of("家👨‍👩‍👧园❤️区") == 10, "ZWJ family and ❤️ (with VS16) are two columns each")
        #expect(DisplayWidth.of("Cafe\u{301}小区") == 8, "the combining acute takes no column")
        #expect(DisplayWidth.of("王\u{308}村🇨🇳组") == 8, "a mark on a Chinese character, a flag of two scalars")
        #expect(DisplayWidth.of("\u{FE0F}") == 0, "a lone VS16 has nothing to draw")
        #expect(DisplayWidth.of("\u{200D}") == 0 && DisplayWidth.of("\u{301}") == 0, "nor a lone ZWJ or mark")
        #expect(DisplayWidth.of("\u{FE0F}ab") == 2)
    }

    @Test func ambiguousCharactersCountDoubleOnlyWhenTheTerminalSaysSo() {
        #expect(DisplayWidth.of("…·─α") == 4)
        #expect(DisplayWidth.of("…·─α", ambiguousIsWide: true) == 8)
        #expect(DisplayWidth.of("王a❤️", ambiguousIsWide: true) == 5, "wide, narrow and emoji stay as they are")
    }

    @Test func truncatesByWidthWithAnEllipsis() {
        #expect(DisplayWidth.truncate("楼上漏水引发邻里矛盾", to: 9, ellipsis: "…") == "楼上漏水…")
        #expect(DisplayWidth.truncate("楼上漏水引发邻里矛盾", to: 8, ellipsis: "…") == "楼上漏…")
        #expect(DisplayWidth.truncate("abc", to: 3, ellipsis: "…") == "abc")
        #expect(DisplayWidth.truncate("abcd", to: 3, ellipsis: "~") == "ab~")
        #expect(DisplayWidth.fit("王", to: 4, ellipsis: "…") == "王  ")
    }

    @Test func wrapsChineseAnywhereAndLatinAtSpaces() {
        #expect(TextWrap.lines("网格员上门听取双方诉求", width: 8) == ["网格员上", "门听取双", "方诉求"])
        #expect(TextWrap.lines("the grid worker visited", width: 10) == ["the grid", "worker", "visited"])
        #expect(TextWrap.lines("aaaa bbbb cccc dddd", width: 4) == ["aaaa", "bbbb", "cccc", "dddd"], "the break swallows the space")
        #expect(TextWrap.lines("一\n二", width: 10) == ["一", "二"])
        #expect(TextWrap.lines("第一段很长很长\n第二段", width: 6, continuation: 4) == ["第一段", "很长", "很长", "第二", "段"],
                "paragraphs stay apart; later ones take the continuation width")
    }

    @Test func closingPunctuationNeverStartsALine() {
        #expect(TextWrap.lines("双方同意调解，签订协议", width: 12) == ["双方同意调", "解，签订协议"])
        let lines = TextWrap.lines("筛选（姓名、地址、事由）", width: 10)
        #expect(lines.allSatisfy { !($0.first.map(TextWrap.noLineStart.contains) ?? false) })
    }

    @Test func aHangingIndentKeepsWordsWhole() {
        let text = "works nights and asks visitors to come after noon on weekdays"
        let lines = TextWrap.lines(text, width: 20, continuation: 16)
        #expect(lines.joined(separator: " ") == text, "no words glued together or split")
        #expect(lines.dropFirst().allSatisfy { DisplayWidth.of($0) <= 16 })
    }
}

@Suite struct BufferTests {
    @Test func aWideCharacterNeverStartsInTheLastColumn() {
        var buffer = Buffer(width: 5, height: 1, glyphs: .unicode)
        buffer.write("ab王小", x: 0, y: 0, ellipsis: "")
        #expect(buffer.lines == ["ab王"])
        #expect(buffer[4, 0].text == " " && !buffer[4, 0].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterClearsBothHalves() {
        var buffer = Buffer(width: 6, height: 1, glyphs: .unicode)
        buffer.write("王小明", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.lines == [" x小明"])
        buffer.write("y", x: 2, y: 0)
        #expect(buffer.lines == [" xy 明"])
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test func noResidueWhenShorterTextReplacesLonger() {
        var buffer = Buffer(width: 10, height: 1, glyphs: .unicode)
        buffer.write("矛盾纠纷调解", x: 0, y: 0)
        buffer.fill(Rect(x: 0, y: 0, width: 10, height: 1))
        buffer.write("案件", x: 0, y: 0)
        #expect(buffer.lines == ["案件"])
    }

    @Test func textIsCutToItsWidthWithTheEllipsis() {
        var buffer = Buffer(width: 12, height: 1, glyphs: .unicode)
        let used = buffer.write("幸福里社区第一网格", x: 1, y: 0, maxWidth: 8)
        #expect(used == 7, "a fourth wide character and the ellipsis would need 9")
        #expect(buffer.lines == [" 幸福里…"])
    }

    @Test func emojiAndAccentsKeepTheRestOfTheRowInItsColumns() {
        var buffer = Buffer(width: 30, height: 1, glyphs: .unicode)
        buffer.fill(buffer.area, role: .selected)
        let used = buffer.write("家👨‍👩‍👧园❤️区|Cafe\u{301}小区|王\u{308}村🇨🇳组|", x: 0, y: 0, role: .selected)
        #expect(used == 29)
        #expect(buffer.lines == ["家👨‍👩‍👧园❤️区|Cafe\u{301}小区|王\u{308}村🇨🇳组|"])
        #expect(buffer[10, 0].text == "|" && buffer[19, 0].text == "|" && buffer[28, 0].text == "|")
        #expect(buffer[2, 0].text == "👨‍👩‍👧" && buffer[3, 0].isContinuation, "one grapheme, one cell and its continuation")
        #expect(buffer[14, 0].text == "e\u{301}")
        #expect((0..<30).allSatisfy { buffer[$0, 0].role == .selected }, "the highlight covers the whole row")
        buffer.fill(buffer.area)
        buffer.write("ab", x: 0, y: 0)
        #expect(buffer.lines == ["ab"], "nothing left behind")
    }

    @Test func aMarkWithNothingToJoinIsNotDrawn() {
        var buffer = Buffer(width: 6, height: 1, glyphs: .unicode)
        buffer.write("\u{FE0F}ab\u{200D}", x: 0, y: 0)
        #expect(buffer.lines == ["ab\u{200D}"], "the ZWJ joins b; the VS16 before a has no base and is dropped")
        #expect(buffer[0, 0].text == "a" && buffer[2, 0].text == " ")
    }

    @Test func theAsciiTableWritesTextWithAsciiStandIns() {
        var buffer = Buffer(width: 40, height: 1, glyphs: .ascii)
        buffer.write("“王”→受理–调解·3×2…↑↓", x: 0, y: 0)
        #expect(buffer.lines == ["\"王\">受理-调解.3x2.^v"])
        var wide = Buffer(width: 10, height: 1, glyphs: .asciiForWideAmbiguous)
        wide.write("αβ|", x: 0, y: 0)
        #expect(wide[4, 0].text == "|", "letters without a stand-in count as two columns")
    }

    @Test func controlCharactersBecomeSpaces() {
        var buffer = Buffer(width: 6, height: 1, glyphs: .unicode)
        buffer.write("a\tb\u{1B}c", x: 0, y: 0)
        #expect(buffer.lines == ["a b c"])
    }

    @Test func boxesCarryTheirTitle() {
        var buffer = Buffer(width: 12, height: 3, glyphs: .unicode)
        buffer.box(buffer.area, title: "案件", glyphs: .ascii)
        #expect(buffer.lines == ["+- 案件 ---+", "|          |", "+----------+"])
    }

    @Test func listsDrawOnlyTheRowsThatFit() {
        var buffer = Buffer(width: 20, height: 4, glyphs: .unicode)
        var asked: [Int] = []
        ListView.draw(into: &buffer, buffer.area, columns: [ListColumn("编号", width: 6), ListColumn("名称")], count: 100_000,
                      row: { asked.append($0); return ["\($0)", "第\($0)行"] }, selection: 50_001, offset: 50_000, focused: true,
                      glyphs: .ascii)
        #expect(asked == [50_000, 50_001, 50_002])
        #expect(buffer.lines == ["  编号   名称", "  50000  第50000行", "> 50001  第50001行", "  50002  第50002行"])
        #expect(buffer[5, 2].role == .selected)
    }

    @Test func theListOffsetFollowsTheSelection() {
        #expect(ListView.offset(keeping: 0, visibleRows: 10, previous: 5, count: 100) == 0)
        #expect(ListView.offset(keeping: 30, visibleRows: 10, previous: 5, count: 100) == 21)
        #expect(ListView.offset(keeping: 8, visibleRows: 10, previous: 5, count: 100) == 5)
        #expect(ListView.offset(keeping: 3, visibleRows: 10, previous: 50, count: 8) == 0)
    }
}
