import Foundation
import Testing
import GridModel
import GridStore
@testable import GridApp
@testable import TerminalUI

/// What a grid worker trips over on the first day (issue 10): each test failed before its fix.
@Suite struct FirstDayTests {
    func state(screen: Character) throws -> AppState { try DashboardFixture.working(on: screen) }

    /// Moves the cursor to the field named `key`.
    func focus(_ state: inout AppState, on key: FieldKey) {
        for _ in 0..<(state.form?.fields.count ?? 0) where state.form?.fields[state.form?.focus ?? 0].key != key { press(&state, .tab) }
    }

    @Test func aGenderCorrectedAfterAMismatchLetsTheResidentSave() throws {
        var state = try state(screen: "3")
        press(&state, .character("r"))
        type(&state, "王小明")
        press(&state, .tab)
        type(&state, EntryFormTests.idNumber(born: "19850312", sequence: "123"))
        press(&state, .tab)
        #expect(state.form?[.gender]?.value == "male")
        press(&state, .right)
        #expect(state.form?[.gender]?.value == "female")
        #expect(saved(press(&state, .enter)).isEmpty, "a woman with a man's ID number is refused")
        let refused = try #require(state.form)
        #expect(refused.fields.contains { $0.error != nil })
        focus(&state, on: .gender)
        press(&state, .left)
        #expect(state.form?.fields.allSatisfy { $0.error == nil } == true, "the error went with the field it depended on")
        let changes = saved(press(&state, .enter))
        guard case .resident(let resident)? = changes.first else {
            Issue.record("the corrected resident is still refused: \(String(describing: state.form?.fields.compactMap(\.error)))")
            return
        }
        #expect(resident.gender == .male)
    }

    @Test func aBirthDateCorrectedAfterAMismatchLetsTheResidentSave() throws {
        var state = try state(screen: "3")
        press(&state, .character("r"))
        type(&state, "王小明")
        press(&state, .tab)
        type(&state, EntryFormTests.idNumber(born: "19850312", sequence: "123"))
        press(&state, .tab, .tab)
        for _ in 0..<10 { press(&state, .backspace) }
        type(&state, "1985-03-13")
        #expect(saved(press(&state, .enter)).isEmpty, "a birth date the ID number contradicts is refused")
        focus(&state, on: .birthDate)
        press(&state, .backspace)
        type(&state, "2")
        #expect(!saved(press(&state, .enter)).isEmpty, "saved once the date agrees")
    }

    @Test func aStartInTheFutureCorrectedToThePastLetsThePatrolSave() throws {
        var state = try state(screen: "4")
        press(&state, .character("n"))
        focus(&state, on: .start)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "23:00")
        press(&state, .tab)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "23:30")
        #expect(saved(press(&state, .enter)).isEmpty, "10:00 now: a patrol from 23:00 has not happened yet")
        #expect(state.form?.fields.contains { $0.error != nil } == true)
        focus(&state, on: .start)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "8:00")
        focus(&state, on: .end)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "9:00")
        #expect(!saved(press(&state, .enter)).isEmpty, "saved once both times are in the past")
    }

    @Test func lockingWithLAsksForThePassphraseOfTheWorkerWhoWasIn() throws {
        var state = try state(screen: "3")
        state.login = "lichunmei"
        press(&state, .character("L"))
        let lock = try #require(state.lock)
        #expect(lock.login.text == "lichunmei" && lock.isOnPassphrase, "the cursor is in the starred field")
        type(&state, "open-sesame")
        let screen = DashboardView.render(state, glyphs: .unicode).lines.joined(separator: "\n")
        #expect(!screen.contains("open-sesame") && screen.contains("***********"), "the passphrase never shows")
        #expect(screen.contains("Esc 换人登录"), "switching user is named on the screen")
        // Esc clears what was typed, then a second Esc lets someone else log in.
        press(&state, .escape)
        #expect(state.lock?.passphrase.isEmpty == true && state.lock?.login.text == "lichunmei")
        press(&state, .escape)
        #expect(state.lock?.login.isEmpty == true && state.lock?.isOnPassphrase == false)
        type(&state, "zhangwei")
        press(&state, .enter)
        type(&state, "pass")
        #expect(press(&state, .enter) == [.unlock(login: "zhangwei", passphrase: "pass")])
    }

    @Test func aSessionWhoseAccountWasDisabledLocksAndKeepsTheForm() throws {
        var state = try state(screen: "3")
        state.login = "lichunmei"
        press(&state, .character("n"))
        type(&state, "清潭花园")
        let typed = try #require(state.form)
        _ = AppReducer.reduce(&state, .sessionRevoked(AccessRefusal.accountDisabled(login: "lichunmei").message(in: .zh)))
        let lock = try #require(state.lock)
        #expect(lock.login.isEmpty && !lock.isOnPassphrase, "someone else must log in")
        #expect(lock.message?.contains("已被停用") == true)
        #expect(state.form == typed, "the form waits, to be kept as a draft")
    }

    @Test func onlyARefusalThatEndsTheSessionLocksTheDashboard() {
        guard case .sessionRevoked(let message)? = Action.endingSession(after: StoreError.refused(.accountDisabled(login: "lichunmei")), language: .zh) else {
            Issue.record("a disabled account's write does not lock")
            return
        }
        #expect(message.contains("已被停用"))
        #expect(Action.endingSession(after: AccountError.refused(.notActive(worker: "李春梅")), language: .zh) != nil, "nor may someone who has left")
        #expect(Action.endingSession(after: StoreError.refused(.readOnly(worker: "督导")), language: .zh) == nil, "a supervisor is only refused")
    }

    @Test func savingAnEditWithNothingChangedSavesNothing() throws {
        var state = try state(screen: "3")
        press(&state, .character("e"))
        #expect(state.form != nil)
        #expect(press(&state, .enter).isEmpty, "no save asked for")
        #expect(state.form == nil && state.message?.text == "没有改动，未保存")
        // Typed, then typed back: the store finds nothing changed and the reducer says so.
        press(&state, .character("e"))
        type(&state, "x")
        press(&state, .backspace)
        #expect(!saved(press(&state, .enter)).isEmpty)
        _ = AppReducer.reduce(&state, .saved([], state.data))
        #expect(state.form == nil && state.undoSteps.isEmpty && state.message?.text == "没有改动，未保存")
    }

    @Test func aReopenedCaseStillShowsWhatWasAgreedAndTheTimelineShowsTheAgreement() throws {
        var data = try DashboardFixture.data()
        let index = try #require(data.cases.firstIndex { $0.id == RecordID("C-4") })
        try data.cases[index].reopen(reason: "工资仍未付清", by: DashboardFixture.li, at: DashboardFixture.at(11, 1, 9))
        let text = DetailBuilder(data: data, language: .zh).lines(for: .cases, at: index).map(\.text)
        #expect(text.contains("重新打开前的结果"), "\(text)")
        #expect(text.contains { $0.contains("调解结果") && $0.contains("调解成功") }, "\(text)")
        #expect(text.filter { $0.contains("乙方于十五日内付清工资") }.count == 2, "beside the outcome and in its timeline entry")
    }

    @Test func aMicroGridNamesEachBuildingOnceAndNeverSplitsOne() throws {
        var data = try DashboardFixture.data()
        let buildings = (1...12).flatMap { number in Array(repeating: "\(number)栋", count: 3) }
        data.grids[0].microGrids[0].buildings = buildings
        let text = DetailBuilder(data: data, language: .zh).lines(for: .grids, at: 0).map(\.text).joined(separator: "\n")
        #expect(!text.contains("1栋、1栋") && text.contains("11栋、12栋"))
        for width in 8...30 {
            let lines = TextWrap.lines("1号小网格  陈大伯  " + (1...12).map { "\($0)栋" }.joined(separator: "、"), width: width)
            #expect(!lines.dropFirst().contains { $0.first == "栋" || $0.first == "、" }, "width \(width): \(lines)")
            #expect(!lines.contains { $0.hasSuffix("1") && !$0.hasSuffix("栋") }, "width \(width): \(lines)")
        }
    }

    @Test func aNewResidentIsOfferedTheRelationTheHouseholdLacks() throws {
        var state = try state(screen: "3")
        press(&state, .character("r"))
        #expect(state.form?[.relation]?.value == "spouse", "H-1 has a head and no spouse")
        press(&state, .escape)
        var spouse = try #require(state.data.residents[RecordID("H-1")]?.first)
        spouse.meta = RecordMeta(id: RecordID("P-9"), createdBy: DashboardFixture.li, createdAt: DashboardFixture.at(11, 1, 9))
        spouse.relation = .spouse
        state.data.residents[RecordID("H-1"), default: []].append(spouse)
        press(&state, .character("r"))
        #expect(state.form?[.relation]?.value == "child", "a household with a spouse is not offered a second")
    }

    @Test func assigningACaseOffersTheGridsOwnWorkerFirst() throws {
        var state = try state(screen: "5")
        press(&state, .character(":"))
        type(&state, "goto JF2026-00001")
        press(&state, .enter)
        #expect(state.selectedCase?.number == "JF2026-00001")
        press(&state, .character("w"))
        #expect(state.form?[.assigneeID]?.value == DashboardFixture.li.rawValue, "李春梅 looks after grid one")
    }

    @Test func householdTagsAreTickedLikeResidentsTags() throws {
        var state = try state(screen: "3")
        press(&state, .down, .character("e"))
        focus(&state, on: .tags)
        let field = try #require(state.form?[.tags])
        guard case .flags(let values, _) = field.kind else {
            Issue.record("household tags are not a tick list: \(field.kind)")
            return
        }
        #expect(field.value == "出租房屋", "the tag on file is ticked")
        let subsistence = try #require(values.firstIndex(of: "低保户"))
        for _ in 0..<subsistence { press(&state, .right) }
        press(&state, .character(" "))
        guard case .household(let household)? = saved(press(&state, .enter)).first else {
            Issue.record("not saved")
            return
        }
        #expect(household.tags == ["出租房屋", "低保户"])
    }

    /// An edit of 清潭花园 1栋 whose household 张伟 changed meanwhile (notes and residency).
    func conflictingEdit() throws -> AppState {
        var state = try state(screen: "3")
        press(&state, .character("e"))
        type(&state, "甲")
        guard case .household(let edited)? = saved(press(&state, .enter)).first else { throw CancellationError() }
        var newer = state.data
        let index = try #require(newer.households.firstIndex { $0.id == edited.id })
        newer.households[index].meta.revision += 1
        newer.households[index].meta.updatedBy = DashboardFixture.zhang
        newer.households[index].notes = "门口堆放杂物"
        newer.households[index].residency = .rented
        // The store refused the save as stale: the run loop reads the data again.
        _ = AppReducer.reduce(&state, .staleSave(newer))
        return state
    }

    @Test func aStaleSaveOffersTheirVersionBesideWhatWasTyped() throws {
        var state = try conflictingEdit()
        let conflict = try #require(state.formConflict)
        #expect(conflict.changedBy == "Zhang Wei")
        #expect(conflict.differences.map(\.key) == [.compound, .residency, .notes], "\(conflict.differences)")
        #expect(conflict.differences.first?.mine.value == "清潭花园甲" && conflict.differences.first?.theirs.value == "清潭花园")
        let screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains("门口堆放杂物") && screen.contains("清潭花园甲") && screen.contains("t 采用他人的"))
        // Keeping one's own saves over their revision, on purpose.
        let effects = press(&state, .character("k"))
        guard case .saveOver(let changes)? = effects.first, case .household(let household)? = changes.first else {
            Issue.record("keeping mine did not save over theirs: \(effects)")
            return
        }
        #expect(household.address.compound == "清潭花园甲" && household.meta.revision == conflict.revision)
    }

    @Test func takingTheirVersionReopensTheFormOnIt() throws {
        var state = try conflictingEdit()
        press(&state, .character("t"))
        #expect(state.formConflict == nil)
        #expect(state.form?[.compound]?.value == "清潭花园" && state.form?[.notes]?.value == "门口堆放杂物")
        #expect(state.form?.openedRevision == state.data.households[0].meta.revision)
        #expect(state.message?.text.contains("已采用他人的版本") == true)
    }

    @Test func escapeGoesBackToEditingAndTheNextSaveAsksAgain() throws {
        var state = try conflictingEdit()
        press(&state, .escape)
        #expect(state.formConflict == nil && state.form?[.compound]?.value == "清潭花园甲")
        #expect(saved(press(&state, .enter)).isEmpty && state.formConflict != nil)
    }

    @Test func at80x24ListsKeepWhatTellsRowsApart() throws {
        var state = try DashboardFixture.state(80, 24)
        press(&state, .character("3"))
        var screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains("1单元 101") && screen.contains("3单元 1502"), "the room of every household shows")
        press(&state, .character("5"))
        screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains("JF2026-00003 物业费收取争议"), "a case's number and its whole short title")
        press(&state, .character("4"))
        screen = DashboardView.render(state, glyphs: .unicode).text
        #expect(screen.contains("楼道内"), "the patrol's finding shows, not an ellipsis")
        // At each width from the smallest the dashboard takes (56) to 80, still shows the distinguishing column.
        for width in stride(from: 56, through: 80, by: 4) {
            _ = AppReducer.reduce(&state, .resized(width: width, height: 24))
            press(&state, .character("3"))
            let lines = DashboardView.render(state, glyphs: .unicode).lines
            #expect(lines.contains { $0.contains("101") }, "width \(width):\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test func columnsGiveWayByPriority() {
        let columns = [ListColumn("编号", width: 12, priority: 4), ListColumn("阶段", width: 8, priority: 2),
                       ListColumn("层级", width: 4, priority: 1), ListColumn("事由", priority: 3, minWidth: 12)]
        #expect(ListView.columnWidths(columns, total: 60) == [12, 8, 4, 33])
        #expect(ListView.columnWidths(columns, total: 36) == [12, 8, 0, 14], "the level goes first")
        #expect(ListView.columnWidths(columns, total: 32) == [12, 0, 0, 19], "then the stage; the number stays")
        #expect(ListView.keepingEnd("清潭花园 2栋 3单元 1502", width: 15, ellipsis: "…") == "…2栋 3单元 1502")
        #expect(ListView.keepingEnd("第一）二", width: 5, ellipsis: "…") == "…二", "never a closing bracket first")
    }

    @Test func helpScrollsToEveryKeyOfEveryModeAndSaysThereIsMore() throws {
        for (width, height) in [(60, 20), (80, 24)] {
            var state = try DashboardFixture.state(width, height)
            press(&state, .character("5"), .character("?"))
            var seen = Set<String>()
            var screen = DashboardView.render(state, glyphs: .unicode).text
            #expect(screen.contains("共 "), "\(width)x\(height): the border says how many lines there are")
            for _ in 0..<200 {
                seen.formUnion(DashboardView.render(state, glyphs: .unicode).lines)
                press(&state, .character("j"))
            }
            let everything = seen.joined(separator: "\n")
            for expected in ["Ctrl-S", "保留筛选", ":user disable|enable", "换人登录", "g G", "推进"] {
                #expect(everything.contains(expected), "\(width)x\(height): \(expected) never shown")
            }
            press(&state, .character("g"))
            #expect(state.helpOffset == 0 && state.isShowingHelp)
            press(&state, .character("G"))
            let bottom = state.helpOffset
            #expect(bottom > 0)
            press(&state, .pageUp)
            #expect(state.helpOffset < bottom)
            press(&state, .escape)
            #expect(state.mode == .normal)
            screen = DashboardView.render(state, glyphs: .unicode).text
            #expect(!screen.contains("共 "))
        }
    }

    @Test func narrowTabsShortenAndTheCurrentOneAlwaysShows() throws {
        for language in [Language.zh, .en] {
            for width in [56, 60, 70] {
                for screen in ScreenID.allCases {
                    var state = try DashboardFixture.state(width, 20, language: language)
                    press(&state, .character(Character(String(screen.rawValue))))
                    let header = DashboardView.render(state, glyphs: .unicode).lines[0] + " "
                    let name = UIStrings.forLanguage(language).name(of: screen)
                    #expect(header.contains(" \(screen.rawValue) \(name) "), "\(width) \(language): the current tab \(name) is shown: \(header)")
                    for other in ScreenID.allCases { #expect(header.contains(" \(other.rawValue) "), "\(width): tab \(other.rawValue) is missing: \(header)") }
                }
            }
        }
        let wide = DashboardView.render(try DashboardFixture.state(120, 40, language: .en), glyphs: .unicode).lines[0]
        #expect(wide.contains("4 Patrols  5 Cases"), "wide enough, every tab is whole")
    }

    @Test func anUntouchedFormNeverSetsItsOldValuesAgainstANewerVersion() throws {
        var state = try state(screen: "3")
        press(&state, .character("e"))
        var newer = state.data
        newer.households[0].meta.revision += 1
        newer.households[0].notes = "他人的新备注"
        _ = AppReducer.reduce(&state, .loaded(newer))
        #expect(press(&state, .enter).isEmpty)
        #expect(state.formConflict == nil && state.form == nil && state.message?.text == "没有改动，未保存")
    }

    @Test func pastMidnightTheDataIsReadAgainForTheNewDay() throws {
        var state = try state(screen: "3")
        state.idleLimit = 24 * 3600
        #expect(AppReducer.reduce(&state, .tick(DashboardFixture.at(11, 22, 23, 59))).isEmpty)
        #expect(AppReducer.reduce(&state, .tick(DashboardFixture.at(11, 23, 0, 0))) == [.refresh], "a new day in China Standard Time")
    }
}
