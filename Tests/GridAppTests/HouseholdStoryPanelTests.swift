import Foundation
import Testing
import GridModel
import GridStore
import TerminalUI
@testable import GridApp

/// `i` on a household (its whole story) and the namesake warning on a new resident (issue 14,
/// points 4 and 5), driven through the reducer.
@Suite struct HouseholdStoryPanelTests {
    /// The story of 清潭花园 2栋 3单元 1502 (H-2) from the fixture: its patrol finding, Li Ming's
    /// case in grid two, and audit entries about the household and both residents.
    static func story(_ state: AppState) throws -> HouseholdStory {
        let household = try #require(state.data.households.first { $0.id == RecordID("H-2") })
        let residents = state.data.residents[household.id] ?? []
        func entry(_ sequence: Int, _ at: Date, _ actor: RecordID, _ record: String, _ action: AuditEntry.Action, _ fields: [String] = []) -> AuditEntry {
            AuditEntry(sequence: sequence, at: at, actor: actor.rawValue, action: action, kind: record.hasPrefix("H") ? .household : .resident,
                       record: record, fields: fields, previous: "", hash: "")
        }
        let audit = [
            entry(1, DashboardFixture.at(9, 1, 9), DashboardFixture.admin, "H-2", .create),
            entry(2, DashboardFixture.at(9, 1, 9, 5), DashboardFixture.admin, "P-2", .create),
            entry(3, DashboardFixture.at(9, 1, 9, 10), DashboardFixture.admin, "P-3", .create),
            entry(4, DashboardFixture.at(10, 8, 15), DashboardFixture.li, "P-2", .update, ["phone", "tags"]),
            entry(5, DashboardFixture.at(11, 2, 10), DashboardFixture.li, "H-2", .update, ["tags", "notes"]),
            entry(6, DashboardFixture.at(11, 19, 16), DashboardFixture.admin, "P-2", .reveal, ["idNumber"]),
            entry(7, DashboardFixture.at(11, 21, 8), DashboardFixture.li, "P-3", .update, ["notes"]),
        ]
        return HouseholdStory(household: household, residents: residents, patrols: state.data.patrols, cases: state.data.cases, audit: audit)
    }

    /// 李春梅 on screen 3 with the story of the second household shown.
    static func showingStory(_ width: Int = 80, _ height: Int = 24, language: Language = .zh) throws -> AppState {
        var state = try DashboardFixture.working(on: "3")
        state.language = language
        _ = AppReducer.reduce(&state, .resized(width: width, height: height))
        press(&state, .down)
        let effects = press(&state, .character("i"))
        #expect(effects == [.loadStory(RecordID("H-2"), grid: DashboardFixture.gridOne, title: "清潭花园 2栋 3单元 1502")])
        _ = AppReducer.reduce(&state, .historyLoaded(HistoryPanel(title: "清潭花园 2栋 3单元 1502", story: try story(state))))
        return state
    }

    @Test func iOnAHouseholdAsksForItsStoryAndOnAResidentForTheirHistory() throws {
        var state = try DashboardFixture.working(on: "3")
        #expect(press(&state, .character("i")) == [.loadStory(RecordID("H-1"), grid: DashboardFixture.gridOne, title: "清潭花园 1栋 1单元 101")])
        press(&state, .tab)
        #expect(press(&state, .character("i")) == [.loadHistory(RecordID("P-1"), title: "王秀英")], "a resident picked: their own history")
        press(&state, .character("4"))
        guard case .loadHistory? = press(&state, .character("i")).first else {
            Issue.record("a patrol log's history as before")
            return
        }
    }

    @Test func theStorySaysWhatEachLineIsNewestFirst() throws {
        let state = try Self.showingStory()
        let lines = try #require(state.history).lines(state).map(\.text)
        #expect(lines.count == 9)
        #expect(lines[0].hasPrefix("2026-11-21 11:00  案件 JF2026-00002  李春梅  装修噪音扰民  提出"), "Li Ming's case in grid two, raised by 李春梅")
        #expect(lines[1].hasPrefix("2026-11-21 08:00  居民 陈晓  李春梅  修改：备注"))
        #expect(lines[2].contains("居民 Li Ming  刘书记  查看完整号码：身份证号"))
        #expect(lines[3].hasPrefix("2026-11-18 14:00  走访  李春梅  安全隐患排查  安全隐患：楼道内电动车充电"))
        #expect(lines[4].contains("  住户  李春梅  修改：标签、备注"))
        #expect(lines.last?.hasPrefix("2026-09-01 09:00  住户  刘书记  新建") == true)
        #expect(!lines.joined().contains("JF2026-00001"), "王秀英's case is another household's")
        let english = try Self.showingStory(language: .en)
        let text = try #require(english.history).lines(english).map(\.text)
        #expect(text[0].contains("case JF2026-00002") && text[3].contains("visit") && text.last?.contains("household") == true)
    }

    @Test func theStoryScrollsByLineAndPageAndStopsAtTheEnd() throws {
        var state = try Self.showingStory(60, 14)
        let panel = try #require(state.history)
        let geometry = Overlay.geometry(lines: panel.lines(state), width: 60, height: 14, maxWidth: HistoryPanel.maxWidth)
        #expect(geometry.maxOffset > 0, "the story is longer than the box")
        press(&state, .character("j"))
        #expect(state.history?.offset == 1)
        press(&state, .character("G"))
        #expect(state.history?.offset == geometry.maxOffset)
        press(&state, .character("j"), .pageDown)
        #expect(state.history?.offset == geometry.maxOffset, "never past the last line")
        press(&state, .pageUp)
        #expect(state.history?.offset == max(0, geometry.maxOffset - (geometry.visibleRows - 1)))
        press(&state, .character("g"))
        #expect(state.history?.offset == 0)
        let screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains("住户档案：清潭花园 2栋 3单元 1502") && screen.contains("共 \(geometry.content.count) 行"))
        press(&state, .escape)
        #expect(state.history == nil)
    }

    // MARK: The namesake warning

    /// 李春梅 registering 王秀英 born 1949-12-31, without an ID number, in the second household;
    /// the save came back with the 王秀英 on file.
    static func warned(_ width: Int = 80, _ height: Int = 24) throws -> (AppState, [RecordChange]) {
        var state = try DashboardFixture.working(on: "3")
        _ = AppReducer.reduce(&state, .resized(width: width, height: height))
        press(&state, .down, .character("r"))
        type(&state, "王秀英")
        press(&state, .tab, .tab, .tab)
        type(&state, "1949-12-31")
        let changes = saved(press(&state, .enter))
        #expect(changes.count == 1 && state.isSaving)
        let onFile = try #require(state.data.residents[RecordID("H-1")]?.first)
        let namesake = Namesake(onFile, gridName: "第一网格", address: "清潭花园 1栋 1单元 101")
        _ = AppReducer.reduce(&state, .saveFinished(SaveOutcome(stored: [], namesakes: [namesake]), state.data))
        return (state, changes)
    }

    @Test func theWarningShowsWhoMatchesAndYSavesAnyway() throws {
        var (state, changes) = try Self.warned()
        #expect(!state.isSaving && state.form?.namesakes.map(\.id) == [RecordID("P-1")])
        #expect(state.form?[.name]?.value == "王秀英", "everything typed stays")
        let screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains("可能重复登记") && screen.contains("第一网格") && screen.contains("1101**********002X"))
        #expect(!screen.contains("11010519491231002X") && !screen.contains("13800000000"), "numbers masked")
        #expect(press(&state, .character("x"), .enter).isEmpty && state.form?.namesakes.isEmpty == false, "only y or Esc answer it")
        let effects = press(&state, .character("y"))
        #expect(effects == [.saveAllowingNamesakes(changes)], "the same record, saved despite the namesake")
        #expect(state.isSaving && state.form?.namesakes.isEmpty == true)
    }

    @Test func escGoesBackToTheFormAndTheNextSaveLooksAgain() throws {
        var (state, changes) = try Self.warned()
        #expect(press(&state, .escape).isEmpty)
        #expect(state.form?.namesakes.isEmpty == true && state.form?.confirmingDiscard == false && !state.isSaving)
        #expect(state.form?.fields[state.form?.focus ?? 0].key == .birthDate, "the cursor stays where it was")
        for _ in "1949-12-31" { press(&state, .backspace) }
        type(&state, "1950-01-01")
        let again = saved(press(&state, .enter))
        guard case .resident(let resident)? = again.first, case .resident(let first)? = changes.first else {
            Issue.record("the corrected resident is saved through the ordinary save: \(again)")
            return
        }
        #expect(resident.birthDate == Day(year: 1950, month: 1, day: 1) && resident.id == first.id, "the same new record, corrected")
    }

    @Test func theWarningIsNeverKeptInADraft() throws {
        let (state, _) = try Self.warned()
        let form = try #require(state.form)
        let decoded = try JSONDecoder().decode(RecordForm.self, from: JSONEncoder().encode(form))
        #expect(decoded.namesakes.isEmpty && decoded[.name]?.value == "王秀英")
        #expect(!(String(decoding: try JSONEncoder().encode(form), as: UTF8.self)).contains("002X"))
    }
}
