import Foundation
import Testing
import GridModel
import TerminalUI
@testable import GridApp

/// Households, residents, patrol logs, findings and new cases entered from the keyboard.
@Suite struct EntryFormTests {
    func state(screen: Character) throws -> AppState { try DashboardFixture.working(on: screen) }

    /// A synthetic ID number with a correct check character (area 420399, the demo's made-up code).
    static func idNumber(born: String, sequence: String) -> String {
        let body = "420399" + born + sequence
        return body + String(ResidentIDNumber.checkCharacter(for: body.compactMap { $0.wholeNumberValue }))
    }

    @Test func aNewHouseholdIsTypedInChineseAndAMissingFieldKeepsTheRest() throws {
        var state = try state(screen: "3")
        press(&state, .character("n"))
        #expect(state.form?.purpose == .household(nil, grid: DashboardFixture.gridOne), "the grid of the selected household")
        type(&state, "清潭花园")
        press(&state, .tab, .tab)
        type(&state, "2单元")
        press(&state, .tab)
        type(&state, "302")
        #expect(saved(press(&state, .enter)).isEmpty)
        #expect(state.form?.focus == 1 && state.form?[.building]?.error == "楼栋（building）：必须填写")
        #expect(state.form?[.compound]?.input.text == "清潭花园" && state.form?[.room]?.input.text == "302", "nothing typed is lost")
        type(&state, "5栋")
        press(&state, .tab, .tab, .tab)
        press(&state, .right)
        let changes = saved(press(&state, .enter))
        guard case .household(let household)? = changes.first else {
            Issue.record("no household saved: \(changes)")
            return
        }
        #expect(household.address.line == "清潭花园 5栋 2单元 302" && household.residency == .rented && household.gridCode == DashboardFixture.gridOne)
        #expect(household.meta.revision == 0 && household.meta.createdBy == DashboardFixture.li)
    }

    @Test func anIDNumberFillsInBirthAndGenderAndAWrongOneSaysSoWithoutQuotingIt() throws {
        var state = try state(screen: "3")
        press(&state, .character("r"))
        type(&state, "王小明")
        press(&state, .tab)
        let wrong = "420399198503121230"
        type(&state, wrong)
        press(&state, .tab)
        let error = try #require(state.form?[.idNumber]?.error)
        #expect(error.contains("身份证号") && !error.contains(wrong), "the message names the field, never the number")
        #expect(state.form?.focus == 2, "the cursor may still move on; saving stops at the field")
        #expect(saved(press(&state, .enter)).isEmpty && state.form?.focus == 1)
        for _ in wrong { press(&state, .backspace) }
        let right = Self.idNumber(born: "19850312", sequence: "123")
        type(&state, right)
        press(&state, .tab)
        #expect(state.form?[.birthDate]?.input.text == "1985-03-12")
        #expect(state.form?[.gender]?.value == "male")
        press(&state, .tab, .tab)
        type(&state, "13912345678")
        press(&state, .tab, .tab, .tab, .tab, .right, .character(" "), .right, .right, .character(" "))
        #expect(state.form?[.tags]?.value == "emptyNestElderly,disabled")
        let changes = saved(press(&state, .enter))
        guard case .resident(let resident)? = changes.first else {
            Issue.record("no resident saved: \(changes)")
            return
        }
        #expect(resident.name == "王小明" && resident.idNumber == right && resident.birthDate == Day(year: 1985, month: 3, day: 12))
        #expect(resident.householdID == RecordID("H-1") && resident.relation == .spouse, "the household has a head, so spouse comes first")
        #expect(resident.relation == .spouse && resident.tags == [.emptyNestElderly, .disabled])
        #expect(resident.phone == "13912345678")
    }

    @Test func anIDNumberAlreadyOnFileShowsThatResidentInsteadOfASecond() throws {
        var state = try state(screen: "3")
        press(&state, .down, .character("r"))
        type(&state, "王秀英")
        press(&state, .tab)
        type(&state, "11010519491231002x")
        press(&state, .tab)
        #expect(state.form?[.idNumber]?.error?.contains("王秀英") == true, "said beside the field at once")
        press(&state, .character("9"))
        #expect(state.form != nil && state.screen == .households, "keys typed after Tab still go to the form")
        press(&state, .enter)
        #expect(state.form == nil, "no second record is started")
        #expect(state.screen == .households && state.selectedHousehold?.id == RecordID("H-1"))
        #expect(state.focus == .detail && state.selectedResident?.id == RecordID("P-1"))
        #expect(state.message?.isError == true && state.message?.text.contains("王秀英") == true)
        #expect(state.message?.text.contains("11010519491231002X") == false)
    }

    @Test func aVisitFromAHouseholdLogsThePatrolAndMovesTheLastVisit() throws {
        var state = try state(screen: "3")
        press(&state, .down, .character("p"))
        #expect(state.form?[.household]?.value == "H-2" && state.form?[.kind]?.value == "homeVisit")
        press(&state, .tab, .tab)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "9:15")
        press(&state, .tab)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "0950")
        press(&state, .tab, .tab, .right, .right)
        #expect(state.form?[.findingKind]?.value == "request")
        press(&state, .tab)
        type(&state, "希望加装楼道扶手")
        let changes = saved(press(&state, .enter))
        guard case .patrol(let patrol)? = changes.first, case .household(let household)? = changes.last, changes.count == 2 else {
            Issue.record("expected the patrol and the household: \(changes)")
            return
        }
        #expect(patrol.householdIDs == [RecordID("H-2")] && patrol.workerID == DashboardFixture.li && patrol.kind == .homeVisit)
        #expect(patrol.start == DashboardFixture.at(11, 22, 9, 15) && patrol.end == DashboardFixture.at(11, 22, 9, 50))
        #expect(patrol.findings == [Finding(kind: .request, text: "希望加装楼道扶手", householdID: RecordID("H-2"))])
        #expect(household.id == RecordID("H-2") && household.lastVisit == DashboardFixture.today)
    }

    @Test func anEndBeforeTheStartGoesBesideTheEnd() throws {
        var state = try state(screen: "4")
        press(&state, .character("n"), .tab, .tab, .tab)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "7:00")
        press(&state, .tab)
        #expect(saved(press(&state, .enter)).isEmpty)
        #expect(state.form?.focus == 3 && state.form?[.end]?.error?.contains("结束时间") == true)
        press(&state, .backspace)
        type(&state, "x")
        press(&state, .tab)
        #expect(state.form?[.end]?.error?.contains("9:30") == true, "a time that is not a time says how to write one")
    }

    @Test func aChoiceNarrowsAsYouTypeAddressDigitsOrPinyinInitials() throws {
        var state = try state(screen: "4")
        // Patrols are newest first: L-3 (the second grid), then L-1 and L-2 in the first.
        press(&state, .down, .character("n"), .tab, .tab, .tab, .tab)
        #expect(state.form?.fields[state.form?.focus ?? 0].key == .household)
        type(&state, "1502")
        #expect(state.form?[.household]?.value == "H-2")
        for _ in 0..<4 { press(&state, .backspace) }
        type(&state, "qthy")
        #expect(state.form?[.household]?.matchingChoices().count == 2, "清潭花园 is qthy; both of its households match")
        press(&state, .right)
        #expect(state.form?[.household]?.value == "H-2")
        let screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains("/qthy (2)"))
        for _ in 0..<4 { press(&state, .backspace) }
        type(&state, "wxy")
        #expect(state.form?[.household]?.value == "H-1", "or by the head of household's initials (王秀英)")
        press(&state, .tab)
        #expect(state.form?[.household]?.input.isEmpty == true && state.form?[.household]?.value == "H-1", "leaving keeps the choice")
    }

    @Test func aFindingOpensACasePrefilledFromIt() throws {
        var state = try state(screen: "4")
        press(&state, .down, .down)
        #expect(state.selectedPatrol?.id == RecordID("L-2"))
        press(&state, .tab, .character("c"))
        #expect(state.form?.purpose == .newCase(grid: DashboardFixture.gridOne, patrolID: RecordID("L-2"), finding: 0))
        #expect(state.form?[.title]?.input.text == "楼道内电动车充电" && state.form?[.source]?.value == "patrol")
        #expect(state.form?[.parties]?.input.text == "Li Ming", "the head of the household where it was found")
        let changes = saved(press(&state, .enter))
        guard case .disputeCase(let created)? = changes.first, case .patrol(let patrol)? = changes.last, changes.count == 2 else {
            Issue.record("expected the case and the patrol: \(changes)")
            return
        }
        #expect(created.patrolID == RecordID("L-2") && created.stage == .raised && created.parties == [Party(name: "Li Ming", residentID: RecordID("P-2"))])
        #expect(created.meta.revision == 0, "the store numbers it when it is saved")
        #expect(patrol.findings[0].caseID == created.id)

        var again = try self.state(screen: "4")
        press(&again, .character("c"))
        #expect(again.form == nil && again.message?.text.contains("JF2026-00002") == true, "a finding opens one case only")

        // The case was saved but the link on the patrol was not (someone had changed the patrol).
        var unlinked = try self.state(screen: "4")
        var numbered = created
        numbered.number = "JF2026-00005"
        var data = unlinked.data
        data.cases.append(numbered)
        _ = AppReducer.reduce(&unlinked, .loaded(DashboardData(areaName: data.areaName, today: data.today, overview: data.overview, grids: data.grids,
                                                               workers: Array(data.workers.values), households: data.households,
                                                               residents: data.residents.values.flatMap { $0 }, patrols: data.patrols,
                                                               cases: data.cases, loadedGrid: nil, unreadableFiles: 0, timeZone: data.timeZone)))
        press(&unlinked, .down, .down, .character("c"))
        #expect(unlinked.form == nil && unlinked.message?.text.contains("JF2026-00005") == true, "nor a second one when the link was lost")
    }

    @Test func aCaseForAResidentPickedInTheDetailPane() throws {
        var state = try state(screen: "3")
        press(&state, .down, .tab, .down)
        #expect(state.selectedResident?.name == "陈晓")
        let screen = DashboardView.render(state, glyphs: .unicode)
        let row = try #require(screen.lines.firstIndex { $0.contains("陈晓") })
        let column = DisplayWidth.of(String(screen.lines[row].prefix { $0 != "陈" }))
        #expect(screen[column, row].role == .selected, "the resident picked is highlighted")
        press(&state, .character("c"))
        #expect(state.form?[.parties]?.input.text == "陈晓" && state.form?.linkedParties["陈晓"] == RecordID("P-3"))
        press(&state, .escape)
        press(&state, .character("e"))
        #expect(state.form?.purpose == .resident(RecordID("P-3"), householdID: RecordID("H-2")), "e in the detail pane edits the resident")
    }

    @Test func notesTakeSeveralLinesAndCtrlSSaves() throws {
        var state = try state(screen: "5")
        press(&state, .character("n"))
        type(&state, "噪音扰民")
        for _ in 0..<6 { press(&state, .tab) }
        #expect(state.form?.fields[state.form?.focus ?? 0].key == .notes)
        type(&state, "第一次上门")
        press(&state, .enter)
        type(&state, "第二次电话")
        #expect(state.form?.isDirty == true && state.form?[.notes]?.input.text == "第一次上门\n第二次电话")
        let screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains("第一次上门") && screen.contains("第二次电话"))
        #expect(saved(press(&state, .control("s"))).isEmpty, "parties are still missing")
        #expect(state.form?[.parties]?.error != nil)
        type(&state, "张三、李四")
        let changes = saved(press(&state, .control("s")))
        guard case .disputeCase(let created)? = changes.first else {
            Issue.record("no case: \(changes)")
            return
        }
        #expect(created.notes == "第一次上门\n第二次电话" && created.parties.map(\.name) == ["张三", "李四"])
    }

    @Test func undoTakesBackRecordsButNeverATimelineEntry() throws {
        var state = try state(screen: "3")
        press(&state, .character("n"))
        type(&state, "清潭花园")
        press(&state, .tab)
        type(&state, "9栋")
        guard case .household(let draft)? = saved(press(&state, .enter)).first else {
            Issue.record("no household")
            return
        }
        var stored = draft
        stored.meta.revision = 1
        var after = state.data
        after.households.append(stored)
        _ = AppReducer.reduce(&state, .saved([.household(stored)], after))
        #expect(state.form == nil && state.message?.text == "已保存")
        let effects = press(&state, .character("u"))
        #expect(effects == [.undo(UndoStep(saved: [.household(stored)], before: try DashboardFixture.data()))])
        guard case .undo(let step)? = effects.first else { return }
        #expect(step.items == [.remove(.household(stored))])

        var edited = try DashboardFixture.data().households[0]
        let original = edited
        edited.notes = "门口有台阶"
        edited.meta.revision = 2
        #expect(UndoStep(saved: [.household(edited)], before: try DashboardFixture.data()).items == [.restore(.household(original).withRevision(2))],
                "an edit is undone by putting the old version back over the new revision")

        var cases = try self.state(screen: "5")
        press(&cases, .down, .character("m"))
        type(&cases, "电话回访")
        guard case .disputeCase(let noted)? = saved(press(&cases, .enter)).first else {
            Issue.record("no note")
            return
        }
        _ = AppReducer.reduce(&cases, .saved([.disputeCase(noted)], cases.data))
        #expect(press(&cases, .character("u")).isEmpty)
        #expect(cases.message?.isError == true && cases.message?.text.contains("办理记录不能撤销") == true)
    }

    @Test func filteringFindsPinyinInitialsAndTheLastDigitsOfNumbers() throws {
        var state = try state(screen: "3")
        press(&state, .character("/"))
        type(&state, "wxy")
        #expect(state.list.visible == [0], "王秀英 by her initials")
        press(&state, .escape, .character("/"))
        type(&state, "chenxiao")
        #expect(state.list.visible == [1], "陈晓 by full pinyin")
        press(&state, .escape, .character("/"))
        type(&state, "002x")
        #expect(state.list.visible == [0], "the last digits of an ID number")
        press(&state, .escape, .character("/"))
        type(&state, "0105")
        #expect(state.list.visible.isEmpty, "digits from the middle of an ID number find nothing")
        press(&state, .escape, .character("5"), .character("/"))
        type(&state, "wxy")
        #expect(state.list.visible.count == 1, "cases by a party's initials")
    }
}

@Suite struct EntrySafetyTests {
    func state(screen: Character) throws -> AppState { try DashboardFixture.working(on: screen) }

    func save(_ state: inout AppState) -> [RecordChange] {
        guard case .save(let changes)? = AppReducer.reduce(&state, .key(.enter)).first else { return [] }
        return changes
    }

    @Test func savingAgainAfterAFailureKeepsTheSameNewRecord() throws {
        var state = try state(screen: "3")
        _ = AppReducer.reduce(&state, .key(.character("n")))
        for character in "清潭花园" { _ = AppReducer.reduce(&state, .key(.character(character))) }
        _ = AppReducer.reduce(&state, .key(.tab))
        for character in "9栋" { _ = AppReducer.reduce(&state, .key(.character(character))) }
        let first = save(&state)
        _ = AppReducer.reduce(&state, .saveFailed("磁盘已满"))
        let second = save(&state)
        #expect(!first.isEmpty && first.map(\.id) == second.map(\.id), "a retry cannot make a second household")
    }

    @Test func anEditIsRefusedWhenSomeoneChangedTheRecordAfterTheFormOpened() throws {
        var state = try state(screen: "3")
        _ = AppReducer.reduce(&state, .key(.character("e")))
        for character in "甲" { _ = AppReducer.reduce(&state, .key(.character(character))) }
        var newer = state.data
        newer.households[0].meta.revision += 1
        _ = AppReducer.reduce(&state, .loaded(newer))
        #expect(save(&state).isEmpty)
        #expect(state.formConflict?.revision == newer.households[0].meta.revision, "their version is offered beside the form")
        #expect(state.form?.fields[0].input.text.hasSuffix("甲") == true, "nothing typed is lost")
    }

    @Test func undoingTwoStepsExpectsTheRevisionTheFirstUndoLeft() throws {
        let before = try DashboardFixture.data()
        var household = before.households[0]
        household.meta.revision = 1
        let created = Household(meta: RecordMeta(id: RecordID("H-new"), revision: 1, createdBy: DashboardFixture.li, createdAt: DashboardFixture.at(11, 22, 9)),
                                gridCode: DashboardFixture.gridOne, microGrid: nil,
                                address: Address(compound: "清潭花园", building: "9栋", unit: "", room: ""), residency: .rented)
        var visited = created
        visited.lastVisit = DashboardFixture.today
        visited.meta.revision = 2
        var after = before
        after.households.append(created)
        let first = UndoStep(saved: [.household(created)], before: before)
        let second = UndoStep(saved: [.household(visited)], before: after)
        #expect(second.items == [.restore(.household(created).withRevision(2))])
        #expect(first.rebased(after: second).items == [.remove(.household(created).withRevision(3))],
                "putting the old version back made revision 3, which the first undo must expect")
    }

    @Test func aDateErrorNeverQuotesSomethingThatLooksLikeAnIDNumber() {
        #expect(DateInput.quotable("明天") == "明天")
        #expect(DateInput.quotable("11010519491231002X") == "…" && DateInput.quotable("13800000000") == "…")
    }
}

@Suite struct ActionPaneTests {
    @Test func theActionPaneScrollsToTheHighlightedAction() throws {
        var state = try DashboardFixture.state()
        _ = AppReducer.reduce(&state, .key(.character("5")))
        _ = AppReducer.reduce(&state, .key(.backTab))
        #expect(state.focus == .actions && state.actions.count > state.layout.actions.height - 2)
        for _ in 0..<state.actions.count { _ = AppReducer.reduce(&state, .key(.down)) }
        let last = try #require(state.actions.last)
        let screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains(state.strings.description(of: last.command, on: .cases)), "the last action is in view once highlighted")
        #expect(!screen.contains("推进到下一阶段"), "the first ones have scrolled away")
    }
}
