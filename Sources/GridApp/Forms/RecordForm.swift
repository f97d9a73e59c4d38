import Foundation
import GridModel
import TerminalUI

/// A form being filled in: what it is for, its fields, and where the cursor is. Codable, so that
/// a form kept as a draft comes back after a crash exactly as it was.
public struct RecordForm: Hashable, Sendable, Codable {
    public enum Purpose: Hashable, Sendable, Codable {
        /// A workflow step on a case.
        case caseStep(CaseAction, caseID: RecordID)
        /// A household: new (nil) or on file, in `grid`.
        case household(RecordID?, grid: GridCode)
        /// A resident of `householdID`: new (nil) or on file.
        case resident(RecordID?, householdID: RecordID)
        /// A patrol log: new (nil) or on file; a new one may be a visit to one household.
        case patrol(RecordID?, grid: GridCode)
        /// One more finding on a patrol log.
        case finding(patrolID: RecordID)
        /// A new case in `grid`, possibly opened from finding `finding` of patrol `patrolID`.
        case newCase(grid: GridCode, patrolID: RecordID?, finding: Int?)
        /// A case's own description (title, parties...): never its workflow.
        case caseDetails(RecordID)
        /// A grid: new (nil) or on file.
        case grid(RecordID?)
        /// A micro-grid of `grid`: new (nil) or the one numbered `number` when the form opened.
        case microGrid(number: Int?, grid: GridCode)
        /// A household (to another grid or micro-grid) or a resident (to another household) moved,
        /// keeping its id and history (see `MoveForm`).
        case move(RecordID, isResident: Bool)
    }

    public let purpose: Purpose
    public var fields: [FormField]
    public var focus = 0
    /// Esc with input typed asks first; this is the question being shown.
    public var confirmingDiscard = false
    /// Something was typed or chosen since the form opened.
    public var isDirty = false
    /// Parties filled in from residents on file, by name, so the case keeps who they are.
    public var linkedParties: [String: RecordID] = [:]
    /// The id a new record will have, chosen when the form is presented (from the state's
    /// `RecordIDSource`), so that saving again after a failure (or from a draft after a crash)
    /// can never make a second record.
    public var newRecordID: RecordID?
    /// The prefix of the id a new record gets (`H`, `R`, `P`, `C`); nil when the form makes none.
    public let newRecordPrefix: String?
    /// The revision of the record being edited when the form opened: a save finding a newer one
    /// on file is refused instead of writing over someone else's change.
    public var openedRevision: Int?
    /// The grid the record belongs to, so a draft can be reopened with its grid read.
    public var grid: GridCode?
    /// The field showing an error about the whole record (a gender the ID number contradicts, a
    /// start in the future). It depends on other fields too, so any change clears it and saving
    /// checks the record again.
    public var recordErrorKey: FieldKey?
    /// The revision someone else saved that the worker chose to save over (audited as such).
    public var overwrites: Int?
    /// Residents on file with the name and birth date of the new resident typed (who has no ID
    /// number), found by the save: shown over the form until the worker saves anyway or goes
    /// back. Never kept in a draft (see `CodingKeys`): the next save looks again.
    public var namesakes: [Namesake] = []

    /// Everything but `namesakes` is kept in a draft; a new stored property belongs here too.
    private enum CodingKeys: String, CodingKey {
        case purpose, fields, focus, confirmingDiscard, isDirty, linkedParties, newRecordID, newRecordPrefix, openedRevision, grid
        case recordErrorKey, overwrites
    }

    public init(_ purpose: Purpose, fields: [FormField]) {
        self.purpose = purpose
        self.fields = fields
        let prefix: String?
        switch purpose {
        case .household(nil, let grid): prefix = "H"; self.grid = grid
        case .resident(nil, _): prefix = "R"
        case .patrol(nil, let grid): prefix = "P"; self.grid = grid
        case .newCase(let grid, _, _): prefix = "C"; self.grid = grid
        case .microGrid(_, let grid): prefix = nil; self.grid = grid
        default: prefix = nil
        }
        newRecordPrefix = prefix
    }

    /// The form with every index back in range: a draft file edited by hand (or damaged in a way
    /// JSON still parses) must not point past its fields or options.
    func sanitized() -> RecordForm {
        var form = self
        form.focus = fields.indices.contains(focus) ? focus : 0
        for index in form.fields.indices {
            let count = form.fields[index].options.values.count
            if !(0..<max(1, count)).contains(form.fields[index].choice) { form.fields[index].choice = 0 }
            form.fields[index].flagged = form.fields[index].flagged.filter { (0..<count).contains($0) }
        }
        return form
    }

    /// A new record's metadata, under the id chosen when the form opened.
    func newMeta(by worker: RecordID, at instant: Date, prefix: String) -> RecordMeta {
        newRecordID.map { RecordMeta(id: $0, createdBy: worker, createdAt: instant) } ?? .new(by: worker, at: instant, prefix: prefix)
    }

    /// Refuses to save over a record someone changed after this form opened.
    func checkUnchanged(since current: Int?, _ language: Language) -> FormError? {
        guard let openedRevision, let current, current != openedRevision else { return nil }
        return FormError(key: fields.first?.key, message: UIStrings.forLanguage(language).changedSinceOpened)
    }

    /// True when the form edits a record on file (rather than adding one or a timeline entry).
    var isEdit: Bool {
        switch purpose {
        case .household(let id, _), .resident(let id, _), .patrol(let id, _): return id != nil
        case .grid(let id): return id != nil
        case .microGrid(let number, _): return number != nil
        case .caseDetails, .move: return true
        case .caseStep, .finding, .newCase: return false
        }
    }

    /// True when the form adds or changes a grid or a micro-grid: the community admin's to do.
    var changesGrids: Bool {
        switch purpose {
        case .grid, .microGrid: return true
        default: return false
        }
    }

    /// The resident the form edits, nil for any other form or a new resident.
    var residentID: RecordID? {
        if case .resident(let id, _) = purpose { return id }
        return nil
    }

    /// The field named `key`.
    public subscript(key: FieldKey) -> FormField? {
        get { fields.first { $0.key == key } }
        set {
            guard let newValue, let index = fields.firstIndex(where: { $0.key == key }) else { return }
            fields[index] = newValue
        }
    }

    func value(_ key: FieldKey) -> String { self[key]?.value ?? "" }

    /// Shows an error about the whole record beside the field it names, and puts the cursor there.
    mutating func showRecordError(_ error: FormError) {
        clearRecordError()
        guard let index = fields.firstIndex(where: { $0.key == error.key }) else { return }
        fields[index].error = error.message
        focus = index
        recordErrorKey = error.key
    }

    /// Drops the error about the whole record: a field it depends on changed, or it is checked again.
    mutating func clearRecordError() {
        guard let key = recordErrorKey else { return }
        recordErrorKey = nil
        if let index = fields.firstIndex(where: { $0.key == key }) { fields[index].error = nil }
    }

    /// A text field's value, nil when left empty.
    func optionalValue(_ key: FieldKey) -> String? {
        let text = value(key)
        return text.isEmpty ? nil : text
    }

    /// What is on file for a masked field left empty (see `FormField.keptValueHint`).
    func keptValue(_ key: FieldKey, _ onFile: String?) -> String? {
        self[key]?.keptValueHint != nil && value(key).isEmpty ? onFile : nil
    }

    /// The first required field left empty, as an error beside it.
    func missingRequired(_ language: Language) -> FormError? {
        fields.first { $0.isRequired && $0.value.isEmpty }.map {
            FormError(key: $0.key, message: RuleViolation(FieldPath(stringLiteral: $0.key.rawValue), .required).message(in: language))
        }
    }

    /// The day typed into `key`: nil when empty, an error beside the field when it is not a date.
    func day(_ key: FieldKey, today: Day, language: Language) -> Result<Day?, FormError> {
        let text = value(key)
        if text.isEmpty { return .success(nil) }
        guard let day = DateInput.parse(text, today: today) else {
            return .failure(FormError(key: key, message: UIStrings.forLanguage(language).badDate(DateInput.quotable(text))))
        }
        return .success(day)
    }

    /// The first of `violations` placed beside the field it names (`address.compound` goes beside
    /// `compound`); a rule about something the form does not show goes beside the first field.
    func error(for violations: [RuleViolation], language: Language, fieldFor: [String: FieldKey] = [:]) -> FormError? {
        guard let first = violations.first else { return nil }
        for violation in violations {
            guard let key = violation.field.lastKey, let target = fieldFor[key] ?? FieldKey(rawValue: key) else { continue }
            if self[target] != nil { return FormError(key: target, message: violation.message(in: language)) }
        }
        return FormError(key: fields.first?.key, message: first.message(in: language))
    }
}

/// Why a form could not be saved, shown beside the field.
public struct FormError: Error, Hashable, Sendable {
    /// The field it is shown beside; nil when the form has none to show it by.
    public let key: FieldKey?
    public let message: String
}
