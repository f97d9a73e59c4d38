import Foundation
import GridModel

/// The form for one workflow step on a case; saving it appends to the case's timeline.
enum CaseStepForm {
    /// The form for `action` on `disputeCase`; choices come from the case and the workers on file.
    /// Assigning offers the current assignee first, else `gridWorker`, who looks after the case's grid.
    static func make(_ action: CaseAction, for disputeCase: DisputeCase, workers: [Worker], gridWorker: RecordID?,
                     language: Language) -> RecordForm {
        let fields: [FormField]
        switch action {
        case .advance:
            let stages = disputeCase.stage.nextStages.filter { $0 != .closed }
            fields = [FormField(.stage, .choice(values: stages.map(\.rawValue), labels: stages.map { $0.name(language) })),
                      FormField(.note, .text, required: true)]
        case .escalate, .reopen, .note:
            fields = [FormField(.note, .text, required: true)]
        case .assign:
            let active = workers.filter { $0.active && $0.role != .supervisor }.sorted { $0.name < $1.name }
            fields = [FormField(.assigneeID, .choice(values: active.map(\.id.rawValue), labels: active.map(\.name)),
                                selecting: [(disputeCase.assigneeID ?? gridWorker)?.rawValue ?? ""]),
                      FormField(.note, .text)]
        case .deadline:
            fields = [FormField(.deadline, .date, required: true), FormField(.note, .text)]
        case .outcome:
            fields = [.pick(.outcome, Outcome.self, selected: nil, language: language), FormField(.agreement, .notes), FormField(.note, .text)]
        case .rating:
            fields = [.pick(.satisfaction, Satisfaction.self, selected: nil, language: language), FormField(.followUp, .date),
                      FormField(.note, .text)]
        case .close:
            fields = [FormField(.note, .text)]
        }
        var form = RecordForm(.caseStep(action, caseID: disputeCase.id), fields: fields)
        form.grid = disputeCase.gridCode
        return form
    }

    /// The case with the step applied, or the field that is wrong and why (nothing is lost:
    /// the form stays open with everything typed).
    static func apply(_ form: RecordForm, _ action: CaseAction, to disputeCase: DisputeCase, by worker: RecordID, at instant: Date,
                      today: Day, language: Language) -> Result<DisputeCase, FormError> {
        if let missing = form.missingRequired(language) { return .failure(missing) }
        var changed = disputeCase
        let note = form.value(.note)
        do {
            switch action {
            case .advance:
                try changed.advance(to: CaseStage(rawValue: form.value(.stage)) ?? .heard, note: note, by: worker, at: instant)
            case .escalate:
                try changed.escalate(reason: note, by: worker, at: instant)
            case .assign:
                try changed.assign(to: RecordID(form.value(.assigneeID)), note: note, by: worker, at: instant)
            case .deadline:
                switch form.day(.deadline, today: today, language: language) {
                case .failure(let error): return .failure(error)
                case .success(let day): try changed.setDeadline(day ?? today, note: note, by: worker, at: instant)
                }
            case .outcome:
                try changed.recordOutcome(Outcome(rawValue: form.value(.outcome)) ?? .failed, agreement: form.value(.agreement), note: note,
                                          by: worker, at: instant)
            case .rating:
                switch form.day(.followUp, today: today, language: language) {
                case .failure(let error): return .failure(error)
                case .success(let day):
                    try changed.recordSatisfaction(Satisfaction(rawValue: form.value(.satisfaction)) ?? .satisfied, followUp: day, note: note,
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
            return .failure(form.error(for: [error], language: language) ?? FormError(key: .note, message: error.message(in: language)))
        }
        return .success(changed)
    }
}
