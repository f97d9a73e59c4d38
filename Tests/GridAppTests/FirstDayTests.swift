import Foundation
import Testing
import GridModel
import TerminalUI
@testable import GridApp

/// What a grid worker trips over on the first day (issue 10): each test failed before its fix.
@Suite struct FirstDayTests {
    @discardableResult
    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { AppReducer.reduce(&state, .key($0)) }
    }

    func type(_ state: inout AppState, _ text: String) {
        for character in text { _ = AppReducer.reduce(&state, .key(.character(character))) }
    }

    func saved(_ effects: [Effect]) -> [RecordChange] {
        guard case .save(let changes)? = effects.first else { return [] }
        return changes
    }

    func state(screen: Character) throws -> AppState { try DashboardFixture.working(on: screen) }

    /// Moves the cursor to the field named `key`.
    func focus(_ state: inout AppState, on key: String) {
        for _ in 0..<(state.form?.fields.count ?? 0) where state.form?.fields[state.form?.focus ?? 0].key != key { press(&state, .tab) }
    }

    @Test func aGenderCorrectedAfterAMismatchLetsTheResidentSave() throws {
        var state = try state(screen: "3")
        press(&state, .character("r"))
        type(&state, "王小明")
        press(&state, .tab)
        type(&state, EntryFormTests.idNumber(born: "19850312", sequence: "123"))
        press(&state, .tab)
        #expect(state.form?["gender"]?.value == "male")
        press(&state, .right)
        #expect(state.form?["gender"]?.value == "female")
        #expect(saved(press(&state, .enter)).isEmpty, "a woman with a man's ID number is refused")
        let refused = try #require(state.form)
        #expect(refused.fields.contains { $0.error != nil })
        focus(&state, on: "gender")
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
        focus(&state, on: "birthDate")
        press(&state, .backspace)
        type(&state, "2")
        #expect(!saved(press(&state, .enter)).isEmpty, "saved once the date agrees")
    }

    @Test func aStartInTheFutureCorrectedToThePastLetsThePatrolSave() throws {
        var state = try state(screen: "4")
        press(&state, .character("n"))
        focus(&state, on: "start")
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "23:00")
        press(&state, .tab)
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "23:30")
        #expect(saved(press(&state, .enter)).isEmpty, "10:00 now: a patrol from 23:00 has not happened yet")
        #expect(state.form?.fields.contains { $0.error != nil } == true)
        focus(&state, on: "start")
        for _ in 0..<5 { press(&state, .backspace) }
        type(&state, "8:00")
        focus(&state, on: "end")
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
}
