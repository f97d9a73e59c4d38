import Foundation
import Testing
import GridModel
import TerminalUI
@testable import GridApp

/// Whole screens compared with golden text files in `Golden/`. To accept a change on purpose,
/// run `GRIDWORK_UPDATE_GOLDENS=1 swift test --filter GoldenScreenTests` and read the diff.
@Suite struct GoldenScreenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func check(_ name: String, _ state: AppState, glyphs: Glyphs = .unicode, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let screen = DashboardView.render(state, glyphs: glyphs).text + "\n"
        let file = Self.folder.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["GRIDWORK_UPDATE_GOLDENS"] == "1" {
            try screen.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden \(name).txt; run with GRIDWORK_UPDATE_GOLDENS=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let actual = screen.components(separatedBy: "\n"), expected = golden.components(separatedBy: "\n")
        let differing = zip(actual, expected).enumerated().filter { $0.element.0 != $0.element.1 }
            .map { "line \($0.offset + 1):\n  got      \($0.element.0)\n  expected \($0.element.1)" }
        if actual != expected {
            let report = "\(name).txt differs (\(differing.count) lines, \(actual.count) vs \(expected.count) in all):\n" + differing.prefix(5).joined(separator: "\n")
            Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
        }
    }

    func state(_ width: Int, _ height: Int, _ language: Language, keys: [Key]) throws -> AppState {
        var state = try DashboardFixture.state(width, height, language: language)
        for key in keys { _ = AppReducer.reduce(&state, .key(key)) }
        return state
    }

    @Test(arguments: [(80, 24), (120, 40)], [Language.zh, .en])
    func everyScreen(size: (Int, Int), language: Language) throws {
        for screen in ScreenID.allCases {
            let keys: [Key] = [.character(Character(String(screen.rawValue)))] + (screen == .cases ? [.down, .down, .down] : [])
            try check("\(screen)-\(size.0)x\(size.1)-\(language)", try state(size.0, size.1, language, keys: keys))
        }
    }

    @Test func helpOverTheList() throws {
        try check("help-80x24-zh", try state(80, 24, .zh, keys: [.character("3"), .character("?")]))
        try check("help-scrolled-80x24-zh", try state(80, 24, .zh, keys: [.character("3"), .character("?"), .pageDown]))
        try check("help-scrolled-60x20-en", try state(60, 20, .en, keys: [.character("5"), .character("?"), .character("G")]))
    }

    @Test func theIdleLockHidesEverythingBehindIt() throws {
        var state = try DashboardFixture.working(on: "3")
        _ = AppReducer.reduce(&state, .key(.tab))
        _ = AppReducer.reduce(&state, .tick(state.clock.addingTimeInterval(state.idleLimit)))
        try check("lock-idle-80x24-zh", state)
        state.language = .en
        state.width = 120
        state.height = 40
        try check("lock-idle-120x40-en", state)
    }

    /// Screen 2's forms in Chinese: a new grid with its code taken, and a micro-grid naming a building twice.
    @Test func theGridAndMicroGridForms() throws {
        var state = try state(80, 24, .zh, keys: [.character("2"), .character("n")])
        for _ in 0..<3 { _ = AppReducer.reduce(&state, .key(.backspace)) }
        for key in [Key.character("0"), .character("0"), .character("1"), .tab] { _ = AppReducer.reduce(&state, .key(key)) }
        for character in "第三网格" { _ = AppReducer.reduce(&state, .key(.character(character))) }
        try check("grid-form-80x24-zh", state)
        state = try self.state(80, 24, .zh, keys: [.character("2"), .character("m"), .tab])
        for character in "赵楼长" { _ = AppReducer.reduce(&state, .key(.character(character))) }
        for key in [Key.tab, .tab] { _ = AppReducer.reduce(&state, .key(key)) }
        for character in "5栋、6栋、5栋" { _ = AppReducer.reduce(&state, .key(.character(character))) }
        _ = AppReducer.reduce(&state, .key(.enter))
        try check("micro-grid-form-80x24-zh", state)
    }

    /// `m` on screen 3: a household's move to a grid whose micro-grids lack the one typed, in
    /// Chinese; a resident's move to another household, in English.
    @Test func theMoveForms() throws {
        var state = try DashboardFixture.working(on: "3")
        for key in [Key.character("m"), .right, .enter] { _ = AppReducer.reduce(&state, .key(key)) }
        try check("move-household-80x24-zh", state)
        state = try DashboardFixture.working(on: "3")
        state.language = .en
        for key in [Key.tab, .character("m")] { _ = AppReducer.reduce(&state, .key(key)) }
        for character in "1502" { _ = AppReducer.reduce(&state, .key(.character(character))) }
        try check("move-resident-80x24-en", state)
    }

    @Test func aStaleSaveShowsTheirVersionBesideTheForm() throws {
        var state = try DashboardFixture.working(on: "3")
        _ = AppReducer.reduce(&state, .key(.character("e")))
        for character in "东区" { _ = AppReducer.reduce(&state, .key(.character(character))) }
        var newer = state.data
        newer.households[0].meta.revision += 1
        newer.households[0].meta.updatedBy = DashboardFixture.zhang
        newer.households[0].meta.updatedAt = DashboardFixture.at(11, 22, 9, 45)
        newer.households[0].notes = "门口堆放杂物，已提醒清理"
        _ = AppReducer.reduce(&state, .loaded(newer))
        _ = AppReducer.reduce(&state, .key(.enter))
        try check("conflict-80x24-zh", state)
        state.language = .en
        try check("conflict-80x24-en", state)
    }

    @Test func aResidentsNumbersMaskedAndRevealed() throws {
        var state = try DashboardFixture.working(on: "3")
        _ = AppReducer.reduce(&state, .key(.tab))
        try check("households-masked-80x24-zh", state)
        _ = AppReducer.reduce(&state, .revealed(RecordID("P-1")))
        try check("households-revealed-80x24-zh", state)
    }

    /// `i` on a household, and the warning over a new resident who has a namesake on file (issue 14).
    @Test func aHouseholdsStoryAndTheNamesakeWarning() throws {
        try check("story-80x24-zh", try HouseholdStoryPanelTests.showingStory())
        try check("story-120x40-zh", try HouseholdStoryPanelTests.showingStory(120, 40))
        try check("story-70x16-en", try HouseholdStoryPanelTests.showingStory(70, 16, language: .en))
        try check("namesakes-80x24-zh", try HouseholdStoryPanelTests.warned().0)
        try check("namesakes-120x40-zh", try HouseholdStoryPanelTests.warned(120, 40).0)
    }

    @Test func aFilterBeingTyped() throws {
        try check("filter-80x24-zh", try state(80, 24, .zh, keys: [.character("3"), .character("/"), .character("清"), .character("潭")]))
    }

    @Test func aCaseTimelineInAsciiBorders() throws {
        try check("cases-ascii-80x24-zh", try state(80, 24, .zh, keys: [.character("5"), .down, .down, .down, .enter]), glyphs: .ascii)
    }

    @Test func aTerminalTooSmall() throws {
        try check("too-small-20x6-zh", try state(20, 6, .zh, keys: []))
        try check("too-small-20x6-en", try state(20, 6, .en, keys: []))
    }

    @Test func aResizeLeavesNoResidue() throws {
        var state = try DashboardFixture.state(120, 40)
        _ = AppReducer.reduce(&state, .key(.character("3")))
        _ = AppReducer.reduce(&state, .resized(width: 80, height: 24))
        let resized = DashboardView.render(state, glyphs: .unicode)
        let fresh = DashboardView.render(try self.state(80, 24, .zh, keys: [.character("3")]), glyphs: .unicode)
        #expect(resized == fresh)
    }
}
