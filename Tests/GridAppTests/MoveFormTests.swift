import Foundation
import Testing
import GridModel
import TerminalUI
@testable import GridApp

/// `m` on screen 3: a household to another grid or micro-grid, a resident to another household
/// (issue 14, point 3). The form only describes the record's new place; the store moves it.
@Suite struct MoveFormTests {
    func households(as worker: RecordID = DashboardFixture.li) throws -> AppState {
        var state = try DashboardFixture.working(on: "3")
        state.actor = worker
        return state
    }

    @Test func aHouseholdMovesToAnotherGridAndLeavesItsMicroGridBehind() throws {
        var state = try households()
        let household = try #require(state.selectedHousehold)
        #expect(household.gridCode == DashboardFixture.gridOne && household.microGrid == 1)
        press(&state, .character("m"))
        let form = try #require(state.form)
        #expect(form.purpose == .move(household.id, isResident: false))
        #expect(form[.gridCode]?.value == DashboardFixture.gridOne.rawValue && form[.microGrid]?.value == "1")
        press(&state, .right)
        #expect(state.form?[.gridCode]?.value == DashboardFixture.gridTwo.rawValue)
        // Grid two has no micro-grid 1: said beside the field, nothing saved.
        #expect(saved(press(&state, .enter)).isEmpty)
        #expect(state.form?[.microGrid]?.error == RuleViolation("microGrid", .noSuchPlace).message(in: .zh))
        #expect(state.form?.fields[state.form?.focus ?? 0].key == .microGrid, "the cursor waits beside the error")
        press(&state, .backspace)
        let changes = saved(press(&state, .enter))
        var moved = household
        moved.gridCode = DashboardFixture.gridTwo
        moved.microGrid = nil
        #expect(changes == [.household(moved)], "the same record, its id and revision, in its new place")
    }

    @Test func aResidentPickedInTheDetailPaneMovesToAnotherHousehold() throws {
        var state = try households()
        press(&state, .tab)
        let resident = try #require(state.selectedResident)
        press(&state, .character("m"))
        #expect(state.form?.purpose == .move(resident.id, isResident: true))
        #expect(state.form?[.household]?.value == resident.householdID.rawValue)
        type(&state, "1502")
        press(&state, .tab, .right)
        let changes = saved(press(&state, .enter))
        var moved = resident
        moved.householdID = RecordID("H-2")
        moved.relation = Relation.allCases[(Relation.allCases.firstIndex(of: resident.relation) ?? 0) + 1]
        #expect(changes == [.resident(moved)])
    }

    @Test func aGridWorkerIsToldWhyTheyMayNotMoveOutOfOrIntoAnotherWorkersGrid() throws {
        // Zhang Wei works grid two only: a household of grid one cannot even be opened for a move.
        var state = try households(as: DashboardFixture.zhang)
        press(&state, .character("m"))
        #expect(state.form == nil)
        #expect(state.message?.isError == true && state.message?.text.contains(DashboardFixture.gridOne.rawValue) == true, "\(String(describing: state.message))")

        // Their own household may move, but not into grid one: the form says so beside the grid.
        press(&state, .character("G"))
        let household = try #require(state.selectedHousehold)
        #expect(household.gridCode == DashboardFixture.gridTwo)
        press(&state, .character("m"), .left)
        #expect(state.form?[.gridCode]?.value == DashboardFixture.gridOne.rawValue)
        #expect(saved(press(&state, .enter)).isEmpty)
        let error = try #require(state.form?[.gridCode]?.error)
        #expect(error.contains(DashboardFixture.gridOne.rawValue), "\(error)")
    }

    @Test func theKeyIsOfferedOnTheHouseholdsScreenOnly() {
        let keymap = Keymap.standard
        #expect(keymap.command(for: .character("m"), on: .households) == .moveRecord)
        #expect(keymap.command(for: .character("m"), on: .grids) == .addMicroGrid)
        #expect(keymap.actions(on: .households).contains { $0.command == .moveRecord })
        #expect(UIStrings.forLanguage(.en).description(of: .moveRecord, on: .households) == "move: household to a grid, resident to a household")
    }
}

/// Who moved out or died stays listed but leaves the household's size (issue 14, point 3).
@Suite struct LeftResidentDisplayTests {
    func data() throws -> DashboardData {
        var data = try DashboardFixture.data()
        // 陈晓 of H-2 moved out on 2026-11-01; Li Ming stays.
        var people = data.residents[RecordID("H-2")] ?? []
        let index = try #require(people.firstIndex { $0.name == "陈晓" })
        people[index].status = .movedOut
        people[index].leftOn = Day(year: 2026, month: 11, day: 1)
        data.residents[RecordID("H-2")] = people
        return data
    }

    @Test func theListCountsThoseStillHereAndTheDetailShowsTheDayOfLeaving() throws {
        let data = try data()
        let row = try #require(data.households.firstIndex { $0.id == RecordID("H-2") })
        #expect(HouseholdsScreen.rows(data, .zh)[row].cells.last == "1")
        let lines = DetailBuilder(data: data, language: .zh).lines(for: .households, at: row).map(\.text)
        #expect(lines.contains("居民（1）"), "\(lines)")
        let left = try #require(lines.first { $0.contains("陈晓") })
        #expect(left.hasSuffix("迁出 2026-11-01"), "\(left)")
        let gridLines = DetailBuilder(data: data, language: .zh).lines(for: .grids, at: 0).map(\.text)
        #expect(gridLines.contains { $0.hasSuffix("居民  2") }, "grid one: 王秀英 and Li Ming: \(gridLines)")
    }
}
