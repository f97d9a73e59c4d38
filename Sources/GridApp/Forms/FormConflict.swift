import Foundation
import GridModel

/// A save that found the record changed by someone else since the form opened: their version
/// beside what was typed, field by field, so the worker keeps theirs or takes the other.
public struct FormConflict: Hashable, Sendable {
    /// One field whose value differs between the two versions.
    public struct Difference: Hashable, Sendable {
        public let key: FieldKey
        public let theirs: FormField
        public let mine: FormField
    }

    /// The revision on file now, which keeping one's own version saves over.
    public let revision: Int
    public let changedBy: String
    public let changedAt: Date?
    public let differences: [Difference]
    /// The form as it would open on their version, for taking it.
    public let theirs: RecordForm

    /// The conflict between `form` and the record on file in `state`, nil when the record has not
    /// changed since the form opened (or the worker already chose to save over this revision).
    static func find(_ form: RecordForm, _ state: AppState) -> FormConflict? {
        guard form.isEdit, let opened = form.openedRevision, let current = onFile(form, state),
              current.meta.revision != opened else { return nil }
        let theirs = current.form
        let differences: [Difference] = form.fields.compactMap { mine in
            guard let other = theirs[mine.key], other.value != mine.value else { return nil }
            // A masked number left empty keeps what is on file: nothing typed over it.
            if mine.keptValueHint != nil && mine.input.isEmpty { return nil }
            return Difference(key: mine.key, theirs: other, mine: mine)
        }
        return FormConflict(revision: current.meta.revision, changedBy: state.data.workerName(current.meta.updatedBy),
                            changedAt: current.meta.updatedAt, differences: differences, theirs: theirs)
    }

    /// The record the form edits as it is on file now, with the form that would open on it.
    private static func onFile(_ form: RecordForm, _ state: AppState) -> (meta: RecordMeta, form: RecordForm)? {
        let data = state.data
        let language = state.language
        switch form.purpose {
        case .household(let id?, _):
            guard let household = data.households.first(where: { $0.id == id }), let grid = data.grid(household.gridCode) else { return nil }
            return (household.meta, HouseholdForm.make(household, in: grid, language: language))
        case .resident(let id?, _):
            guard let resident = data.residents.values.lazy.flatMap({ $0 }).first(where: { $0.id == id }) else { return nil }
            return (resident.meta, ResidentForm.make(resident, showingNumbers: state.revealed.contains(id), language: language))
        case .patrol(let id?, _):
            guard let patrol = data.patrols.first(where: { $0.id == id }) else { return nil }
            return (patrol.meta, PatrolForm.make(editing: patrol, timeZone: data.timeZone, language: language))
        case .caseDetails(let id):
            guard let disputeCase = data.cases.first(where: { $0.id == id }) else { return nil }
            return (disputeCase.meta, CaseEntryForm.make(editing: disputeCase, language: language))
        case .grid(let id?):
            guard let grid = data.grids.first(where: { $0.id == id }) else { return nil }
            return (grid.meta, GridForm.make(grid, data: data, language: language))
        case .microGrid(let number?, let code):
            guard let grid = data.grid(code), let micro = grid.microGrids.first(where: { $0.number == number }) else { return nil }
            return (grid.meta, MicroGridForm.make(micro, in: grid, language: language))
        default:
            return nil
        }
    }

    /// A field's value as a person reads it: the option's label, the tags ticked, numbers masked.
    static func shown(_ field: FormField, _ language: Language) -> String {
        let strings = UIStrings.forLanguage(language)
        let (values, labels) = field.options
        switch field.kind {
        case .choice:
            return values.indices.contains(field.choice) ? labels[field.choice] : ""
        case .flags:
            let ticked = field.flagged.sorted().filter(labels.indices.contains).map { labels[$0] }
            return ticked.isEmpty ? strings.none : ticked.joined(separator: strings.listSeparator)
        case .text, .notes, .date, .time:
            switch field.check {
            case .idNumber: return field.value.isEmpty ? "" : ResidentIDNumber.masked(field.value)
            case .mobile: return field.value.isEmpty ? "" : MobileNumber.masked(field.value)
            case .gridCode, nil: return field.value.replacingOccurrences(of: "\n", with: " ")
            }
        }
    }
}
