import Foundation
import GridModel
import TerminalUI

/// Keys while a form is open: moving between fields, typing, choosing, saving, leaving.
/// A field is checked as the cursor leaves it; the whole record when the form is saved.
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
        if !form.namesakes.isEmpty { return namesakeWarning(&state, form, key) }
        let index = form.focus
        let isNotes = form.fields[index].kind == .notes
        switch key {
        case .escape:
            if form.isDirty { form.confirmingDiscard = true } else { state.form = nil; return [] }
        case .tab, .down:
            leave(&state, &form)
            guard state.form != nil else { return [] }
            form.focus = (index + 1) % form.fields.count
        case .backTab, .up:
            leave(&state, &form)
            guard state.form != nil else { return [] }
            form.focus = (index + form.fields.count - 1) % form.fields.count
        case .enter where isNotes:
            // Notes take several lines; Ctrl-S saves from them.
            edit(&form, key)
        case .enter, .control("s"):
            leave(&state, &form)
            guard state.form != nil else { return [] }
            return save(&state, form)
        default:
            edit(&form, key)
        }
        state.form = form
        return []
    }

    private static func edit(_ form: inout RecordForm, _ key: Key) {
        var field = form.fields[form.focus]
        let before = field
        field.error = nil
        switch field.kind {
        case .choice(let values, _):
            guard !values.isEmpty else { return }
            let matches = field.matchingChoices()
            let position = matches.firstIndex(of: field.choice)
            switch key {
            case .right, .character(" "):
                if !matches.isEmpty { field.choice = matches[position.map { ($0 + 1) % matches.count } ?? 0] }
            case .left:
                if !matches.isEmpty { field.choice = matches[position.map { ($0 + matches.count - 1) % matches.count } ?? 0] }
            case .character(let character):
                // Typing narrows the options: part of an address, a name or its pinyin initials.
                field.input.insert(String(character))
                if let first = field.matchingChoices().first { field.choice = first }
            case .backspace:
                field.input.backspace()
            default:
                break
            }
        case .flags(let values, _):
            guard !values.isEmpty else { return }
            switch key {
            case .right: field.choice = (field.choice + 1) % values.count
            case .left: field.choice = (field.choice + values.count - 1) % values.count
            case .character(" "):
                if field.flagged.contains(field.choice) { field.flagged.remove(field.choice) } else { field.flagged.insert(field.choice) }
            default: break
            }
        case .text, .notes, .date, .time:
            switch key {
            case .character(let character): field.input.insert(String(character))
            case .enter: field.input.insert("\n")
            case .backspace: field.input.backspace()
            case .delete: field.input.delete()
            case .left: field.input.moveLeft()
            case .right: field.input.moveRight()
            case .home: field.input.moveToStart()
            case .end: field.input.moveToEnd()
            default: break
            }
        }
        form.fields[form.focus] = field
        if field.input != before.input || field.choice != before.choice || field.flagged != before.flagged {
            form.isDirty = true
            // An error about the whole record may depend on this field: it is checked again on saving.
            form.clearRecordError()
        }
    }

    /// Keys while someone else's version is shown beside the form: `k` keeps what was typed and
    /// saves it over theirs, `t` takes theirs (the form reopens on it), anything else goes back to editing.
    static func conflict(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let conflict = state.formConflict, var form = state.form else {
            state.formConflict = nil
            return []
        }
        state.formConflict = nil
        switch key {
        case .character("k"), .character("K"):
            form.openedRevision = conflict.revision
            form.overwrites = conflict.revision
            form.isDirty = true
            return save(&state, form)
        case .character("t"), .character("T"):
            state.form = conflict.theirs
            state.message = StatusMessage(state.strings.tookTheirs)
            return []
        default:
            return []
        }
    }

    /// Keys while the namesake warning shows over a new resident's form: `y` saves them anyway,
    /// `Esc` (or `n`) goes back to the form with everything typed; other keys wait for an answer.
    private static func namesakeWarning(_ state: inout AppState, _ form: RecordForm, _ key: Key) -> [Effect] {
        var form = form
        switch key {
        case .character("y"), .character("Y"):
            form.namesakes = []
            return save(&state, form, allowingNamesakes: true)
        case .escape, .character("n"), .character("N"):
            form.namesakes = []
            state.form = form
        default:
            break
        }
        return []
    }

    /// Checks the field the cursor is leaving, so a mistake shows while it is fresh. An ID number
    /// fills in the birth date and gender it encodes, and one already on file shows that resident.
    private static func leave(_ state: inout AppState, _ form: inout RecordForm) {
        var field = form.fields[form.focus]
        let text = field.value
        let language = state.language
        defer { if state.form != nil { form.fields[form.focus] = field } }
        // A choice's typed words only narrowed it; the choice stays.
        if field.isChoice { field.input = TextField() }
        guard !text.isEmpty, field.error == nil else { return }
        switch field.kind {
        case .date:
            if DateInput.parse(text, today: state.data.today) == nil { field.error = state.strings.badDate(DateInput.quotable(text)) }
        case .time:
            if TimeInput.minutes(text) == nil { field.error = RuleViolation(FieldPath(stringLiteral: field.key.rawValue), .timeFormat).message(in: language) }
        default:
            break
        }
        switch field.check {
        case .mobile:
            if MobileNumber.normalized(text) == nil {
                field.error = RuleViolation(FieldPath(stringLiteral: field.key.rawValue), .mobileNumberFormat).message(in: language)
            }
        case .gridCode:
            field.error = checkGridCode(GridCode(text), &form, state.data, language)
        case .idNumber:
            do {
                let parsed = try ResidentIDNumber.parse(text)
                // Said beside the field, not acted on, so keys typed after Tab still reach the form.
                if let existing = state.data.resident(withIDNumber: parsed.text), existing.id != form.residentID {
                    field.error = state.strings.duplicateBeside(existing.name, state.data.addresses[existing.householdID] ?? "")
                    return
                }
                if var birth = form[.birthDate], birth.input.isEmpty {
                    birth.input = TextField(parsed.birthDate.iso)
                    form[.birthDate] = birth
                }
                if var gender = form[.gender], let position = gender.options.values.firstIndex(of: parsed.gender.rawValue) {
                    gender.choice = position
                    form[.gender] = gender
                }
            } catch {
                field.error = error.message(in: language)
            }
        case nil:
            break
        }
    }

    /// What is wrong with the grid code typed, said as the cursor leaves it: a grid on file keeps
    /// its code; a new one's must lie in the area and be free, and then it takes its neighbours'
    /// district, street and community names into those fields still empty.
    private static func checkGridCode(_ code: GridCode, _ form: inout RecordForm, _ data: DashboardData, _ language: Language) -> String? {
        guard case .grid(let id) = form.purpose else { return nil }
        if let id, let onFile = data.grids.first(where: { $0.id == id }) {
            return code == onFile.code ? nil : RuleViolation("code", .gridCodeFixed).message(in: language)
        }
        if let violation = GridPlacement.violations(ofNewCode: code, areaCode: data.areaCode, taken: Set(data.grids.map(\.code))).first {
            return violation.message(in: language)
        }
        let names = GridPlacement.names(for: code, grids: data.grids, areaName: data.areaName, areaCode: data.areaCode)
        for (key, name) in [(FieldKey.districtName, names.district), (.streetName, names.street), (.communityName, names.community)] where !name.isEmpty {
            if var target = form[key], target.input.isEmpty {
                target.input = TextField(name)
                form[key] = target
            }
        }
        return nil
    }

    /// Builds the records the form describes and asks the run loop to save them; a problem goes
    /// beside its field and everything typed stays.
    private static func save(_ state: inout AppState, _ form: RecordForm, allowingNamesakes: Bool = false) -> [Effect] {
        var form = form
        // The record is checked again from scratch; an earlier verdict on it may no longer hold.
        form.clearRecordError()
        // A resident already on file is shown instead of being registered twice.
        if case .resident = form.purpose, let number = try? ResidentIDNumber.parse(form.value(.idNumber)), let existing = state.data.resident(withIDNumber: number.text), existing.id != form.residentID {
            state.form = nil
            state.show(.resident(existing))
            state.message = StatusMessage(state.strings.alreadyOnFile(existing.name), isError: true)
            return []
        }
        // Nothing typed: nothing to save, and nothing to set against someone else's newer version.
        if form.isEdit && !form.isDirty {
            state.form = nil
            state.message = StatusMessage(state.strings.nothingChanged)
            return []
        }
        // Someone else saved the record since the form opened: their version is shown beside this one.
        if let conflict = FormConflict.find(form, state) {
            state.form = form
            state.formConflict = conflict
            return []
        }
        if let bad = form.fields.firstIndex(where: { $0.error != nil }) {
            form.focus = bad
            state.form = form
            return []
        }
        switch FormSubmission.changes(form, state) {
        case .success(let changes):
            state.form = form
            if changes.isEmpty { return [] }
            state.isSaving = true
            if form.overwrites != nil { return [.saveOver(changes)] }
            return [allowingNamesakes ? .saveAllowingNamesakes(changes) : .save(changes)]
        case .failure(let error):
            form.showRecordError(error)
            state.form = form
            return []
        }
    }
}
