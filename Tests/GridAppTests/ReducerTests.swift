import Testing
import GridModel
import TerminalUI
@testable import GridApp

@Suite struct ReducerTests {
    @Test func digitsSwitchScreensAndTheListMoves() throws {
        var state = try DashboardFixture.state()
        press(&state, .character("5"))
        #expect(state.screen == .cases && state.list.visible.count == 4)
        press(&state, .character("j"), .down)
        #expect(state.list.selection == 2)
        press(&state, .character("G"))
        #expect(state.list.selection == 3)
        press(&state, .character("g"))
        #expect(state.list.selection == 0)
        press(&state, .character("k"))
        #expect(state.list.selection == 0, "the selection stops at the top")
        press(&state, .character("3"))
        #expect(state.screen == .households && state.list.selection == 0)
    }

    @Test func tabCyclesThePanesAndEscapeNeverQuits() throws {
        var state = try DashboardFixture.state()
        press(&state, .tab)
        #expect(state.focus == .detail)
        press(&state, .tab, .tab)
        #expect(state.focus == .list)
        press(&state, .backTab)
        #expect(state.focus == .actions)
        press(&state, .escape)
        #expect(state.focus == .list)
        for _ in 0..<5 { #expect(press(&state, .escape).isEmpty) }
        #expect(state.screen == .overview)
        #expect(press(&state, .character("q")) == [.quit])
        #expect(press(&state, .control("c")) == [.quit])
    }

    @Test func filteringAsYouTypeMatchesChineseAndLatin() throws {
        var state = try DashboardFixture.state()
        press(&state, .character("3"), .character("/"))
        #expect(state.mode == .filter)
        type(&state, "王")
        #expect(state.list.visible == [0], "王秀英 lives in the first household")
        press(&state, .backspace)
        type(&state, "li m")
        #expect(state.list.visible == [1], "Latin names match in any case")
        press(&state, .enter)
        #expect(state.mode == .normal && state.list.filter == "li m")
        press(&state, .escape)
        #expect(state.list.filter.isEmpty && state.list.visible.count == 3)
        press(&state, .character("5"), .character("/"))
        type(&state, "jf2026-00003")
        #expect(state.list.visible.count == 1)
        type(&state, "x")
        #expect(state.list.visible.isEmpty)
        press(&state, .escape)
        #expect(state.mode == .normal && state.list.visible.count == 4)
    }

    @Test func droppingTheFilterKeepsTheSelectedRecord() throws {
        var state = try DashboardFixture.state()
        press(&state, .character("3"), .character("/"))
        type(&state, "幸")
        #expect(state.list.selectedRow == 2)
        press(&state, .escape)
        #expect(state.list.filter.isEmpty && state.list.selectedRow == 2, "the household stays selected")
        press(&state, .character("/"))
        type(&state, "幸")
        press(&state, .enter, .escape)
        #expect(state.list.selectedRow == 2)
    }

    @Test func ctrlCQuitsFromEveryMode() throws {
        var state = try DashboardFixture.state()
        press(&state, .character("/"))
        #expect(press(&state, .control("c")) == [.quit])
        press(&state, .escape, .character(":"))
        #expect(press(&state, .control("c")) == [.quit])
        press(&state, .escape, .character("?"))
        #expect(press(&state, .control("c")) == [.quit])
    }

    @Test func enteringAGridShowsItsHouseholdsAndEscapeShowsAllAgain() throws {
        var state = try DashboardFixture.state()
        press(&state, .character("2"), .character("j"))
        #expect(press(&state, .enter).isEmpty, "a community is already read whole")
        #expect(state.screen == .households && state.scope == DashboardFixture.gridTwo)
        #expect(state.list.visible.count == 1)
        press(&state, .character("5"))
        #expect(state.list.visible.count == 1, "cases of the second grid only")
        press(&state, .escape)
        #expect(state.scope == nil && state.list.visible.count == 4)
    }

    @Test func aDistrictReadsOneGridAtATime() throws {
        let data = try DashboardFixture.district()
        var state = AppState(data: data, language: .zh, themeName: "default", width: 80, height: 24)
        #expect(state.data.isLarge && state.scope == DashboardFixture.gridOne)
        press(&state, .character("2"), .character("j"))
        #expect(press(&state, .enter) == [.load(DashboardFixture.gridTwo)])
        #expect(state.isLoading && state.screen == .households)
        press(&state, .escape)
        #expect(state.screen == .grids, "Esc from a district's grid goes back to the grids")
    }

    @Test func enterOpensTheDetailAndTheOverviewLeadsToItsScreens() throws {
        var state = try DashboardFixture.state()
        press(&state, .character("j"), .enter)
        #expect(state.screen == .cases, "open cases by stage lead to the cases")
        press(&state, .enter)
        #expect(state.focus == .detail)
        press(&state, .character("j"))
        #expect(state.detailOffset <= 1)
    }

    @Test func theCommandLine() throws {
        var state = try DashboardFixture.state()
        press(&state, .character(":"))
        type(&state, "theme mono")
        #expect(press(&state, .enter) == [.applyTheme("mono")])
        press(&state, .character(":"))
        type(&state, "lang en")
        press(&state, .enter)
        #expect(state.language == .en)
        #expect(state.rows[.cases]?.first { $0.cells[0] == "JF2026-00001" }?.cells[1] == "heard", "rows are rebuilt in the new language")
        press(&state, .character(":"))
        type(&state, "goto 420303001005002")
        press(&state, .enter)
        #expect(state.screen == .grids && state.list.selection == 1)
        press(&state, .character(":"))
        type(&state, "goto jf2026-00004")
        press(&state, .enter)
        #expect(state.screen == .cases && state.list.selectedRow.map { state.data.cases[$0].number } == "JF2026-00004")
        press(&state, .character(":"))
        type(&state, "fly")
        press(&state, .enter)
        #expect(state.message == StatusMessage("Unknown command: fly (press ? for help)", isError: true))
        press(&state, .character(":"))
        type(&state, "q")
        #expect(press(&state, .enter) == [.quit])
    }

    @Test func helpOpensAndClosesAndListsEveryBinding() throws {
        var state = try DashboardFixture.state()
        press(&state, .character("?"))
        #expect(state.isShowingHelp)
        #expect(press(&state, .character("q")).isEmpty, "q closes help rather than quitting")
        #expect(state.mode == .normal)
        for screen in ScreenID.allCases {
            state.screen = screen
            let help = HelpOverlay.lines(state).map(\.text).joined(separator: "\n")
            for binding in state.keymap.bindings where binding.screens?.contains(screen) ?? true {
                #expect(help.contains(binding.keyLabel) && help.contains(state.strings.description(of: binding.command, on: screen)))
            }
            #expect(help.contains("推进到下一阶段") == (screen == .cases), "help lists only what works on \(screen)")
        }
    }

    @Test func theActionPaneIsGeneratedFromTheKeymap() throws {
        var state = try DashboardFixture.state()
        #expect(state.actions.map(\.command) == [.open, .filter, .commandLine, .help, .lock])
        press(&state, .backTab, .character("j"), .enter)
        #expect(state.mode == .filter, "Enter in the action pane does the highlighted action")
    }

    @Test func resizingKeepsTheSelectionInView() throws {
        var state = try DashboardFixture.state(80, 24)
        var big = try DashboardFixture.data()
        big.households = (0..<100_000).map { index in
            Household(meta: DashboardFixture.meta("H-\(index)"), gridCode: DashboardFixture.gridOne, microGrid: nil,
                      address: Address(compound: "清潭花园", building: "\(index / 24 + 1)栋", unit: "", room: "\(index % 24 + 1)"), residency: .ownerOccupied)
        }
        _ = AppReducer.reduce(&state, .loaded(big))
        press(&state, .character("3"), .end)
        #expect(state.list.selection == 99_999)
        #expect(state.list.offset == 99_999 - state.layout.listRows + 1)
        _ = AppReducer.reduce(&state, .resized(width: 60, height: 20))
        #expect(state.list.offset == 99_999 - state.layout.listRows + 1)
        press(&state, .pageUp)
        #expect(state.list.selection == 99_999 - state.layout.listRows)
        press(&state, .character("/"))
        type(&state, "4000栋")
        #expect(state.list.visible.count == 24, "the 24 homes of building 4000")
    }
}
