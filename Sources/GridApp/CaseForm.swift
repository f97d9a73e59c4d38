import Foundation
import GridModel

/// A workflow step being filled in for one case.
public struct CaseForm: Hashable, Sendable {
    public let action: CaseAction
    public let caseID: RecordID
    public var fields: [FormField]
    public var focus = 0
    /// Esc with input typed asks first; this is the question being shown.
    public var confirmingDiscard = false

    /// The form for `action` on `disputeCase`; choices come from the case and the workers on file.
    public init(_ action: CaseAction, for disputeCase: DisputeCase, workers: [Worker], language: Language) {
        self.action = action
        caseID = disputeCase.id
        switch action {
        case .advance:
            let stages = disputeCase.stage.nextStages.filter { $0 != .closed }
            fields = [FormField("stage", .choice(values: stages.map(\.rawValue), labels: stages.map { $0.name(language) })),
                      FormField("note", .text, required: true)]
        case .escalate:
            fields = [FormField("note", .text, required: true)]
        case .assign:
            let active = workers.filter { $0.active && $0.role != .supervisor }.sorted { $0.name < $1.name }
            var field = FormField("assigneeID", .choice(values: active.map(\.id.rawValue), labels: active.map(\.name)))
            field.choice = active.firstIndex { $0.id == disputeCase.assigneeID } ?? 0
            fields = [field, FormField("note", .text)]
        case .deadline:
            fields = [FormField("deadline", .date, required: true), FormField("note", .text)]
        case .outcome:
            fields = [FormField("outcome", .choice(values: Outcome.allCases.map(\.rawValue), labels: Outcome.allCases.map { $0.name(language) })),
                      FormField("agreement", .text), FormField("note", .text)]
        case .rating:
            fields = [FormField("satisfaction", .choice(values: Satisfaction.allCases.map(\.rawValue),
                                                        labels: Satisfaction.allCases.map { $0.name(language) })),
                      FormField("followUp", .date), FormField("note", .text)]
        case .close:
            fields = [FormField("note", .text)]
        case .reopen:
            fields = [FormField("note", .text, required: true)]
        case .note:
            fields = [FormField("note", .text, required: true)]
        }
    }

    public var hasInput: Bool { fields.contains(where: \.hasInput) }

    func value(_ key: String) -> String { fields.first { $0.key == key }?.value ?? "" }

    /// The case with this step applied, or the field that is wrong and why (nothing is lost:
    /// the form stays open with everything typed).
    func apply(to disputeCase: DisputeCase, by worker: RecordID, at instant: Date, today: Day,
               language: Language) -> Result<DisputeCase, FormError> {
        let strings = UIStrings.forLanguage(language)
        for field in fields where field.isRequired && field.value.isEmpty {
            return .failure(FormError(key: field.key, message: RuleViolation(FieldPath(stringLiteral: field.key), .required).message(in: language)))
        }
        func date(_ key: String) -> Result<Day?, FormError> {
            let text = value(key)
            if text.isEmpty { return .success(nil) }
            guard let day = DateInput.parse(text, today: today) else { return .failure(FormError(key: key, message: strings.badDate(text))) }
            return .success(day)
        }
        var changed = disputeCase
        let note = value("note")
        do {
            switch action {
            case .advance:
                try changed.advance(to: CaseStage(rawValue: value("stage")) ?? .heard, note: note, by: worker, at: instant)
            case .escalate:
                try changed.escalate(reason: note, by: worker, at: instant)
            case .assign:
                try changed.assign(to: RecordID(value("assigneeID")), note: note, by: worker, at: instant)
            case .deadline:
                switch date("deadline") {
                case .failure(let error): return .failure(error)
                case .success(let day): try changed.setDeadline(day ?? today, note: note, by: worker, at: instant)
                }
            case .outcome:
                try changed.recordOutcome(Outcome(rawValue: value("outcome")) ?? .failed, agreement: value("agreement"), note: note,
                                          by: worker, at: instant)
            case .rating:
                switch date("followUp") {
                case .failure(let error): return .failure(error)
                case .success(let day):
                    try changed.recordSatisfaction(Satisfaction(rawValue: value("satisfaction")) ?? .satisfied, followUp: day, note: note,
                                                   by: worker, at: instant)
                }
            case .close:
                try changed.close(note: note, by: worker, at: instant)
            case .reopen:
                try changed.reopen(reason: note, by: worker, at: instant)
            case .note:
                try changed.addNote(note, by: worker, at: instant)
            }
        } catch {
            let key = error.field.lastKey ?? "note"
            return .failure(FormError(key: fields.contains { $0.key == key } ? key : fields[0].key, message: error.message(in: language)))
        }
        return .success(changed)
    }
}

/// Why a form could not be saved, shown beside the field.
public struct FormError: Error, Hashable, Sendable {
    public let key: String
    public let message: String
}
