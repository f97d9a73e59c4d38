import Foundation
import Testing
import GridModel
import TerminalUI
@testable import GridApp

/// Screen 0, the to-do list (issue 14), over `TodoFixture`'s folder with known due dates.
@Suite struct TodoScreenTests {
    func items(_ list: TodoList, on today: Day = TodoFixture.today) -> [String] {
        list.items.map { item in
            "\(item.kind) \(item.residentID?.rawValue ?? item.recordID.rawValue) \(item.daysOverdue(on: today).map(String.init) ?? "-")"
        }
    }

    func list(worker: RecordID = TodoFixture.worker, grids: Set<GridCode>? = [TodoFixture.gridOne],
              schedule: VisitSchedule = .standard) throws -> TodoList {
        TodoList(households: TodoFixture.households, residents: TodoFixture.residents, cases: try TodoFixture.cases(), schedule: schedule,
                 today: TodoFixture.today, worker: worker, grids: grids, timeZone: TodoFixture.china)
    }

    @Test func theWorkersListHasWhatIsDueInTheirGridsInOrder() throws {
        #expect(items(try list()) == [
            "visit R-d -",             // never visited comes first
            "visit R-a 5",             // 11-10 + 7 = 11-17
            "visit R-b 0",             // 11-08 + 14 = 11-22, due today
            "overdueCase K-1 2",       // deadline 11-20
            "caseWithoutDeadline K-2 -",
            "assignedCase K-3 -14",    // within its deadline, 12-06
            "followUp K-5 2",          // due 11-20, no step since
        ])
    }

    @Test func anotherGridAndAnotherWorkersCasesChangeTheList() throws {
        // Everyone's grids (an admin's view): grid two's never-visited resident joins; K-3 is not the admin's.
        let all = items(try list(worker: TodoFixture.admin, grids: nil))
        #expect(all.contains("visit R-e -") && !all.contains { $0.hasPrefix("assignedCase") })
        #expect(all.filter { $0.hasPrefix("visit") }.count == 4)
    }

    @Test func theCommunitysScheduleDecidesWhoIsDue() throws {
        var schedule = VisitSchedule.standard
        schedule.set(.elderlyAlone, days: 14)      // 11-10 + 14 = 11-24: not yet
        schedule.set(.subsistenceAllowance, days: nil)
        let shown = items(try list(schedule: schedule))
        #expect(!shown.contains { $0.contains("R-a") } && !shown.contains { $0.contains("R-d") })
        #expect(shown.contains("visit R-b 0"))
    }

    @Test func aGridWorkerStartsOnTheirToDoListAndAnAdminOnTheOverview() throws {
        let worker = try TodoFixture.state()
        #expect(worker.screen == .todo)
        #expect(worker.list.visible.count == 7)
        #expect(try TodoFixture.state(as: TodoFixture.admin).screen == .overview)
    }

    @Test func enterOpensTheHouseholdWithTheResidentPicked() throws {
        var state = try TodoFixture.state()
        press(&state, .down, .enter)
        #expect(state.screen == .households && state.selectedHousehold?.id == RecordID("H-a"))
        #expect(state.focus == .detail && state.selectedResident?.id == RecordID("R-a"))

        state = try TodoFixture.state()
        press(&state, .character("G"), .up, .up, .up, .enter)
        #expect(state.screen == .cases && state.selectedCase?.id == RecordID("K-1"))
    }

    @Test func pLogsTheVisitAndTheRowLeavesOnceSaved() throws {
        var state = try TodoFixture.state()
        press(&state, .down)
        #expect(state.actions.contains { $0.command == .logVisit })
        press(&state, .character("p"))
        #expect(state.form?[.household]?.value == "H-a" && state.form?[.kind]?.value == "homeVisit")
        let changes = saved(press(&state, .enter))
        guard case .household(let visited)? = changes.last else {
            Issue.record("the visit moves the household's last visit: \(changes)")
            return
        }
        #expect(visited.lastVisit == TodoFixture.today)

        // The store answers with the folder read again, the household's visit moved.
        var data = try TodoFixture.data()
        data.households = data.households.map { $0.id == visited.id ? visited : $0 }
        _ = AppReducer.reduce(&state, .saveFinished(SaveOutcome(stored: changes), data))
        #expect(state.form == nil && state.screen == .todo)
        #expect(state.list.visible.count == 6)
        #expect(!state.data.todo.items.contains { $0.recordID == RecordID("H-a") })
        #expect(state.selectedTodo?.residentID == RecordID("R-b"), "the next row is selected")
        let screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains("走访2 案件3 回访1") && !screen.contains("甲老人"))
    }

    @Test func pIsNotOfferedOnACaseRow() throws {
        var state = try TodoFixture.state()
        press(&state, .character("G"))
        #expect(state.selectedTodo?.kind == .followUp)
        #expect(!state.actions.contains { $0.command == .logVisit })
        #expect(press(&state, .character("p")).isEmpty && state.form == nil)
    }

    @Test func anAdminChoosesAGridAndTheListAndOverviewFollow() throws {
        var state = try TodoFixture.state(as: TodoFixture.admin)
        press(&state, .character("0"))
        #expect(state.list.visible.count == 7, "4 visits in both grids, 2 cases, 1 follow-up")
        #expect(state.data.overview.counts[.household] == 5)
        press(&state, .character("2"), .down, .enter)
        #expect(state.scope == TodoFixture.gridTwo)
        press(&state, .character("0"))
        #expect(state.list.visible.count == 1 && state.selectedTodo?.residentID == RecordID("R-e"))
        #expect(state.data.overview.counts[.household] == 1 && state.data.overview.taggedResidents == 1)
    }

    @Test func aGridWorkersOverviewCountsTheirGridsAndLeavesOutTheDeadAndMovedOut() throws {
        let state = try TodoFixture.state()
        let overview = state.data.overview
        #expect(overview.counts[.household] == 4)
        #expect(overview.counts[.resident] == 4, "戊 died and 己 moved out")
        #expect(overview.taggedResidents == 4 && overview.taggedResidentsOverdue == 2, "丁 never visited, 甲 late; 乙 due today is not late")
        // Visited in the last 30 days: 11-10, 11-08, 11-01 (H-d never); of 4 households.
        #expect(overview.visitedLast30 == 3 && overview.coverage(lastDays: 30) == 0.75)
    }

    @Test(arguments: [(80, 24, Language.zh), (120, 40, .en), (120, 40, .zh)])
    func golden(width: Int, height: Int, language: Language) throws {
        var state = try TodoFixture.state(width: width, height: height, language: language)
        press(&state, .down)
        try GoldenScreenTests().check("todo-worker-\(width)x\(height)-\(language)", state)
    }
}
