import Testing
@testable import TerminalUI

@Suite struct GlyphsTests {
    static func marks(_ glyphs: Glyphs) -> [String] {
        [glyphs.horizontal, glyphs.vertical, glyphs.topLeft, glyphs.topRight, glyphs.bottomLeft, glyphs.bottomRight,
         glyphs.ellipsis, glyphs.selection, glyphs.arrowLeft, glyphs.arrowRight, glyphs.cursor, glyphs.dot]
    }

    @Test func theAsciiTablesHoldOnlyAscii() {
        for glyphs in [Glyphs.ascii, .asciiForWideAmbiguous] {
            #expect(Self.marks(glyphs).allSatisfy { $0.allSatisfy(\.isASCII) && DisplayWidth.of($0) == 1 })
        }
        #expect(Glyphs.unicode.forAmbiguousWidth(wide: true) == .asciiForWideAmbiguous)
        #expect(Glyphs.unicode.forAmbiguousWidth(wide: false) == .unicode)
    }

    @Test func theUnicodeMarksAreAmbiguousAndEachHasAStandIn() {
        for mark in Self.marks(.unicode) {
            #expect(mark.unicodeScalars.allSatisfy { AmbiguousWidth.contains($0) }, "\(mark) is drawn double by a CJK terminal")
            #expect(Glyphs.ascii.textForTerminal(mark).allSatisfy { $0.isASCII }, "\(mark) has an ASCII stand-in")
        }
    }

    @Test func knowsWhichCharactersAreAmbiguous() {
        for character in "─│┌…·×“”‘’–—←→↑↓▏◀▶●○αДé°①" {
            #expect(AmbiguousWidth.contains(character), "\(character)")
        }
        for character in "a王，。「」！Ａ❤️👨‍👩‍👧" {
            #expect(!AmbiguousWidth.contains(character), "\(character)")
        }
    }

    @Test func standInsKeepTheWidthSoMeasuredLayoutsStayRight() {
        let text = "“调解”→结案 · 3×2 … ←↑↓→ ─│┌ ●○"
        let replaced = Glyphs.ascii.textForTerminal(text)
        #expect(replaced == "\"调解\">结案 . 3x2 . <^v> -|+ *o")
        #expect(DisplayWidth.of(replaced) == DisplayWidth.of(text))
        #expect(Glyphs.unicode.textForTerminal(text) == text, "the Unicode table leaves text alone")
        #expect(Glyphs.ascii.textForTerminal("αé") == "αé", "letters keep their look")
    }
}
