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
}
