import Foundation
import GridModel
import TerminalUI

/// Keys while a case form is open: moving between fields, typing, choosing, saving, leaving.
enum FormReducer {
    static func reduce(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var form = state.form else { return [] }
        if form.confirmingDiscard {
            switch key {
            case .character("y"), .character("Y"): state.form = nil
            default: form.confirmingDiscard = false; state.form = form
            }
            return []
        }
        let index = form.focus
        switch key {
        case .escape:
            if form.hasInput { form.confirmingDiscard = true } else { state.form = nil; return [] }
        case .control("c"):
            return [.quit]
        case .tab, .down:
            form.focus = (index + 1) % form.fields.count
        case .backTab, .up:
            form.focus = (index + form.fields.count - 1) % form.fields.count
        case .enter:
            return save(&state, form)
        default:
            edit(&form.fields[index], key)
        }
        state.form = form
        return []
    }

    private static func edit(_ field: inout FormField, _ key: Key) {
        field.error = nil
        if case .choice(let values, _) = field.kind {
            guard !values.isEmpty else { return }
            switch key {
            case .right, .character(" "), .character("l"): field.choice = (field.choice + 1) % values.count
            case .left, .character("h"): field.choice = (field.choice + values.count - 1) % values.count
            default: break
            }
            return
        }
        switch key {
        case .character(let character): field.input.insert(String(character))
        case .backspace: field.input.backspace()
        case .delete: field.input.delete()
        case .left: field.input.moveLeft()
        case .right: field.input.moveRight()
        case .home: field.input.moveToStart()
        case .end: field.input.moveToEnd()
        default: break
        }
    }

    /// Applies the step to the case in memory; the run loop then saves it to disk.
    private static func save(_ state: inout AppState, _ form: CaseForm) -> [Effect] {
        var form = form
        guard let disputeCase = state.data.cases.first(where: { $0.id == form.caseID }) else {
            state.form = nil
            return []
        }
        let instant = max(state.clock, disputeCase.timeline.last?.at ?? state.clock)
        switch form.apply(to: disputeCase, by: state.actor, at: instant, today: state.data.today, language: state.language) {
        case .success(let changed):
            state.isSaving = true
            state.form = form
            return [.save(changed)]
        case .failure(let error):
            if let index = form.fields.firstIndex(where: { $0.key == error.key }) {
                form.fields[index].error = error.message
                form.focus = index
            }
            state.form = form
            return []
        }
    }
}
