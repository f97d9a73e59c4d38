import Foundation
import Testing
import GridModel
import TerminalUI
@testable import GridApp

/// Whole screens checked for what a CJK terminal trips over: ambiguous-width characters when it
/// draws them double, and emoji or accents that shift the rest of a row.
@Suite struct TerminalTextTests {
    /// ASCII, or a character every terminal draws two columns wide: nothing whose width depends on the terminal.
    static func isSafe(_ character: Character) -> Bool {
        character.isASCII || (DisplayWidth.of(character) == 2 && !AmbiguousWidth.contains(character))
    }

    func reduced(_ keys: [Key], width: Int, height: Int, language: Language) throws -> AppState {
        var state = try DashboardFixture.working(on: "1")
        state.language = language
        _ = AppReducer.reduce(&state, .resized(width: width, height: height))
        for key in keys { _ = AppReducer.reduce(&state, .key(key)) }
        return state
    }

    /// Screens that between them show every mark the dashboard draws: borders, the selection,
    /// ellipses, the list title's dot, key labels, a case timeline, a patrol's times, forms with
    /// choices, the filter and command lines, help, a quoted message, the lock and a too-small terminal.
    func screens(_ language: Language, glyphs: Glyphs) throws -> [(String, Buffer)] {
        let keys: [(String, [Key])] = [
            ("overview", []), ("grids", [.character("2")]), ("households", [.character("3"), .tab]),
            ("patrols", [.character("4")]), ("case timeline", [.character("5"), .down, .down, .down, .enter]),
            ("case detail", [.character("5"), .down]), ("help", [.character("3"), .character("?")]),
            ("filter", [.character("3"), .character("/"), .character("清")]), ("command", [.character(":"), .character("q")]),
            ("household form", [.character("3"), .character("n"), .tab, .tab, .tab, .tab, .tab]),
            ("case form", [.character("5"), .character("n"), .tab, .tab, .tab]), ("advance a case", [.character("5"), .character("a")]),
            ("history", [.character("3"), .character("i")]),
        ]
        var screens: [(String, Buffer)] = []
        for (width, height) in [(80, 24), (120, 40)] {
            for (name, keys) in keys {
                let state = try reduced(keys, width: width, height: height, language: language)
                screens.append(("\(name) \(width)x\(height)", DashboardView.render(state, glyphs: glyphs)))
            }
        }
        var quoted = try reduced([.character("5")], width: 80, height: 24, language: language)
        quoted.message = StatusMessage("账号“wang”已停用 — 第 7–14 位 · 2×3 …", isError: true)
        screens.append(("message", DashboardView.render(quoted, glyphs: glyphs)))
        var locked = try reduced([.character("3")], width: 80, height: 24, language: language)
        _ = AppReducer.reduce(&locked, .tick(locked.clock.addingTimeInterval(locked.idleLimit)))
        screens.append(("lock", DashboardView.render(locked, glyphs: glyphs)))
        screens.append(("too small", DashboardView.render(try reduced([], width: 30, height: 6, language: language), glyphs: glyphs)))
        return screens
    }

    @Test(arguments: [Glyphs.ascii, .asciiForWideAmbiguous], [Language.zh, .en])
    func asciiScreensDrawNothingOfAmbiguousWidth(glyphs: Glyphs, language: Language) throws {
        for (name, buffer) in try screens(language, glyphs: glyphs) {
            for (row, line) in buffer.lines.enumerated() {
                let unsafe = line.filter { !Self.isSafe($0) }
                #expect(unsafe.isEmpty, "\(name), row \(row + 1): \(String(unsafe).debugDescription) in \(line)")
            }
        }
    }

    @Test func theAsciiThemeLoadsTheAsciiTable() throws {
        let theme = try ThemeLoader(environment: ["XDG_CONFIG_HOME": "/nonexistent"]).load("ascii").get()
        #expect(theme.glyphs == .ascii)
        #expect(theme.forAmbiguousWidth(wide: true).glyphs == .asciiForWideAmbiguous)
        let unicode = try ThemeLoader(environment: ["XDG_CONFIG_HOME": "/nonexistent"]).load("default").get()
        #expect(unicode.forAmbiguousWidth(wide: true).glyphs == .asciiForWideAmbiguous, "any theme falls back")
        #expect(unicode.forAmbiguousWidth(wide: false).glyphs == .unicode)
    }

    @Test func theUnicodeScreensDoUseAmbiguousMarks() throws {
        // So the test above has something to catch: the same screens with the Unicode glyphs are not all safe.
        let text = try screens(.zh, glyphs: .unicode).map { $0.1.text }.joined()
        for mark in ["─", "▶", "◀", "…", "→", "–", "↓", "·", "“"] {
            #expect(text.contains(mark), "\(mark) appears somewhere")
        }
    }

    @Test func emojiAndAccentsInAnAddressKeepTheNextColumnInPlace() throws {
        var state = try DashboardFixture.working(on: "3")
        var data = state.data
        data.households[0].address.compound = "家👨‍👩‍👧园❤️区"
        data.households[1].address.compound = "Cafe\u{301}小区"
        data.households[2].address.compound = "王\u{308}村🇨🇳组"
        _ = AppReducer.reduce(&state, .loaded(data))
        // Wide enough that each address shows whole (at 80 columns an address is cut at its start).
        _ = AppReducer.reduce(&state, .resized(width: 120, height: 40))
        let buffer = DashboardView.render(state, glyphs: .unicode)
        let header = try #require((0..<buffer.height).first { y in buffer.lines[y].contains("户主") })
        let nameColumn = try #require((0..<buffer.width).first { buffer[$0, header].text == "户" })
        let heads = ["王", "L", ""]
        for (offset, compound) in ["家👨‍👩‍👧园❤️区", "Cafe\u{301}小区", "王\u{308}村🇨🇳组"].enumerated() {
            let y = try #require((header + 1..<buffer.height).first { buffer.lines[$0].contains(compound) }, "\(compound) is listed")
            #expect(buffer[nameColumn, y].text == (heads[offset].isEmpty ? " " : heads[offset]),
                    "the head's name after \(compound) starts under its header")
            #expect(buffer[nameColumn - 1, y].text == " " && !buffer[nameColumn - 1, y].isContinuation)
        }
        let selected = try #require((header + 1..<buffer.height).first { buffer.lines[$0].contains("家👨‍👩‍👧园❤️区") })
        let inner = (1..<buffer.width).prefix { buffer[$0, selected].text != "│" }
        #expect(inner.allSatisfy { buffer[$0, selected].role == .selected || buffer[$0, selected].role == .selectedInactive },
                "the highlight covers the whole row")
    }
}
