import Testing
@testable import TerminalUI

@Suite struct TextFieldTests {
    @Test func chineseArrivesAsWideCharactersAndLeavesWhole() {
        var field = TextField()
        field.insert("网格员")
        field.insert("上门👨‍👩‍👧")
        #expect(field.text == "网格员上门👨‍👩‍👧")
        field.backspace()
        #expect(field.text == "网格员上门", "the emoji sequence goes as one")
        field.moveLeft()
        field.moveLeft()
        field.delete()
        #expect(field.text == "网格员门")
        #expect(field.visible(width: 20).cursorColumn == 6, "the cursor stands after three wide characters")
    }

    @Test func controlCharactersAndNewlinesAreNotInserted() {
        var field = TextField("a")
        field.insert("b\n\u{1B}c\t")
        #expect(field.text == "abc")
    }

    @Test func longTextScrollsToKeepTheCursorInView() {
        var field = TextField("一二三四五六七八九十")
        let end = field.visible(width: 9)
        #expect(end.text == "七八九十" && end.cursorColumn == 8)
        field.moveToStart()
        let start = field.visible(width: 9)
        #expect(start.text == "一二三四" && start.cursorColumn == 0)
    }

    @Test func notesBreakIntoRowsAndTheCursorFindsItsRow() {
        var notes = TextField("", allowsLineBreaks: true)
        notes.insert("第一次上门\r\n二")
        #expect(notes.text == "第一次上门\n二", "a pasted CRLF is one line break")
        let layout = notes.rows(width: 7)
        #expect(layout.rows == ["第一次", "上门", "二"], "a wide character that would cross the edge starts the next row")
        #expect(layout.cursorRow == 2 && layout.cursorColumn == 2)
        notes.moveToStart()
        #expect(notes.rows(width: 7).cursorRow == 0 && notes.rows(width: 7).cursorColumn == 0)
        var line = TextField("a")
        line.insert("b\nc")
        #expect(line.text == "abc", "a single line takes no line break")
    }

    /// Keys arrive one scalar at a time, as a terminal sends them.
    func typed(_ text: String, into field: inout TextField) {
        for scalar in text.unicodeScalars { field.insert(String(Character(scalar))) }
    }

    @Test func aGraphemeTypedInPiecesIsOneCharacter() {
        var field = TextField()
        typed("家👨‍👩‍👧", into: &field)
        #expect(field.characters == ["家", "👨‍👩‍👧"] && field.cursor == 2)
        field.backspace()
        #expect(field.text == "家", "Backspace takes the whole family, not its last member")
        typed("Cafe\u{301}", into: &field)
        #expect(field.characters.count == 5 && field.visible(width: 20).cursorColumn == 6)
        field.backspace()
        #expect(field.text == "家Caf", "the accent goes with its e")
        typed("❤\u{FE0F}", into: &field)
        #expect(field.characters.last == "❤️" && field.visible(width: 20).cursorColumn == 7)
        field.backspace()
        #expect(field.text == "家Caf")
        typed("🇨🇳", into: &field)
        #expect(field.characters.count == 5)
        field.moveLeft()
        #expect(field.cursor == 4, "the cursor steps over the flag whole")
    }

    @Test func anAccentTypedInTheMiddleJoinsTheCharacterBeforeTheCursor() {
        var field = TextField("王村")
        field.moveLeft()
        field.insert("\u{308}")
        #expect(field.characters == ["王\u{308}", "村"] && field.cursor == 1)
    }

    @Test func aLoneVariationSelectorOrMarkIsDropped() {
        var field = TextField()
        field.insert("\u{FE0F}")
        field.insert("\u{301}")
        #expect(field.isEmpty && field.cursor == 0)
        field.insert("a")
        field.moveToStart()
        field.insert("\u{FE0F}")
        #expect(field.text == "a" && field.cursor == 0)
        #expect(TextField("\u{FE0F}x").text == "x")
    }
}
