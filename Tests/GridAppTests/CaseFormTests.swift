import Foundation
import Testing
import GridModel
import TerminalUI
@testable import GridApp

@Suite struct CaseFormTests {
    /// The cases screen with case `number` selected.
    func state(selecting number: String) throws -> AppState {
        var state = try DashboardFixture.state()
        state.actor = DashboardFixture.li
        state.clock = DashboardFixture.at(11, 22, 0)
        _ = AppReducer.reduce(&state, .key(.character("5")))
        while let row = state.list.selectedRow, state.data.cases[row].number != number {
            _ = AppReducer.reduce(&state, .key(.down))
        }
        return state
    }

    /// The case a form asked to save.
    func savedCase(_ effects: [Effect]) -> DisputeCase? {
        guard case .save(let changes) = effects.first, case .disputeCase(let saved)? = changes.first else { return nil }
        return saved
    }

    /// The data as the run loop reads it back after saving `saved`.
    func data(_ state: AppState, with saved: DisputeCase) -> DashboardData {
        var data = state.data
        if let index = data.cases.firstIndex(where: { $0.id == saved.id }) { data.cases[index] = saved }
        return data
    }

    @Test func onlyTheStepsTheCaseAllowsAreOffered() throws {
        let open = try state(selecting: "JF2026-00001")
        let offered = open.actions.compactMap { binding -> CaseAction? in
            if case .caseAction(let action) = binding.command { return action } else { return nil }
        }
        #expect(offered == [.advance, .escalate, .assign, .deadline, .outcome, .rating, .note])
        let closed = try state(selecting: "JF2026-00004")
        let closedOffers = closed.actions.compactMap { binding -> CaseAction? in
            if case .caseAction(let action) = binding.command { return action } else { return nil }
        }
        #expect(closedOffers == [.rating, .reopen, .note])
        var refused = closed
        _ = AppReducer.reduce(&refused, .key(.character("a")))
        #expect(refused.form == nil, "a step the case does not allow does nothing")
    }

    @Test func advancingTakesAChosenStageAndAChineseNote() throws {
        var state = try state(selecting: "JF2026-00001")
        _ = AppReducer.reduce(&state, .key(.character("a")))
        #expect(state.form?.purpose == .caseStep(.advance, caseID: RecordID("C-1")))
        _ = AppReducer.reduce(&state, .key(.right))
        _ = AppReducer.reduce(&state, .key(.tab))
        type(&state, "双方同意在网格内调解")
        _ = AppReducer.reduce(&state, .key(.backspace))
        let effects = AppReducer.reduce(&state, .key(.enter))
        guard let changed = savedCase(effects) else {
            Issue.record("no save: \(effects), form \(String(describing: state.form))")
            return
        }
        #expect(changed.stage == .handled, "heard may go straight to handled, the second choice")
        #expect(changed.timeline.last?.note == "双方同意在网格内调" && changed.timeline.last?.by == DashboardFixture.li)
        #expect(changed.violations(in: ValidationContext(now: DashboardFixture.at(11, 22, 1), timeZone: DashboardFixture.china)).isEmpty)

        _ = AppReducer.reduce(&state, .saved([.disputeCase(changed)], data(state, with: changed)))
        #expect(state.form == nil && state.message?.text == "已保存 JF2026-00001")
        #expect(state.rows[.cases]?.first { $0.cells[0] == "JF2026-00001" }?.cells[1] == "协同办事")
    }

    @Test func aMissingNoteIsShownBesideItAndNothingTypedIsLost() throws {
        var state = try state(selecting: "JF2026-00001")
        _ = AppReducer.reduce(&state, .key(.character("d")))
        type(&state, "明天")
        #expect(AppReducer.reduce(&state, .key(.enter)).isEmpty)
        #expect(state.form?.fields[0].error?.contains("不是日期") == true)
        #expect(state.form?.fields[0].input.text == "明天", "what was typed stays")
        _ = AppReducer.reduce(&state, .key(.backspace))
        _ = AppReducer.reduce(&state, .key(.backspace))
        type(&state, "+7d")
        let effects = AppReducer.reduce(&state, .key(.enter))
        guard let changed = savedCase(effects) else {
            Issue.record("no save")
            return
        }
        #expect(changed.deadline == Day(year: 2026, month: 11, day: 29))

        var escalation = try self.state(selecting: "JF2026-00001")
        _ = AppReducer.reduce(&escalation, .key(.character("s")))
        #expect(AppReducer.reduce(&escalation, .key(.enter)).isEmpty)
        #expect(escalation.form?.fields[0].error == "说明（note）：必须填写")
    }

    @Test func escapeAsksBeforeDroppingWhatWasTyped() throws {
        var state = try state(selecting: "JF2026-00002")
        _ = AppReducer.reduce(&state, .key(.character("m")))
        type(&state, "电话回访")
        _ = AppReducer.reduce(&state, .key(.escape))
        #expect(state.form?.confirmingDiscard == true)
        _ = AppReducer.reduce(&state, .key(.character("m")))
        #expect(state.form?.confirmingDiscard == false && state.form?.fields[0].input.text == "电话回访")
        _ = AppReducer.reduce(&state, .key(.escape))
        _ = AppReducer.reduce(&state, .key(.character("y")))
        #expect(state.form == nil)
        _ = AppReducer.reduce(&state, .key(.character("m")))
        _ = AppReducer.reduce(&state, .key(.escape))
        #expect(state.form == nil, "an empty form closes at once")
    }

    @Test func aFormBeingFilledIn() throws {
        var state = try state(selecting: "JF2026-00001")
        _ = AppReducer.reduce(&state, .key(.character("o")))
        _ = AppReducer.reduce(&state, .key(.tab))
        type(&state, "乙方赔偿维修费用")
        _ = AppReducer.reduce(&state, .key(.left))
        let screen = DashboardView.render(state, glyphs: .unicode)
        let text = screen.text
        #expect(text.contains("记录调解结果  JF2026-00001"))
        #expect(text.contains("调解结果  调解成功"), "a choice away from the cursor shows only what is chosen")
        #expect(text.contains("Enter 换行  Tab 下一项  Ctrl-S 保存"), "the agreement takes several lines, and the keys say so")
        let row = try #require(screen.lines.firstIndex { $0.contains("协议内容  乙方赔偿维修费用") })
        let line = screen.lines[row]
        let column = DisplayWidth.of(String(line[..<(line.range(of: "用")?.lowerBound ?? line.endIndex)]))
        #expect(screen[column, row].role == .selected, "the cursor stands on the last character after ←")
    }
}
