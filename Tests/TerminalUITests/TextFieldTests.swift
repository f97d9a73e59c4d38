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
}
