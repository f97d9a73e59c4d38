import Foundation

/// Where a case stands as its timeline is replayed. Both the workflow actions and the check of
/// a stored case go through `apply`, so the allowed moves are written down exactly once.
public struct CaseProgress: Hashable, Sendable {
    public private(set) var stage: CaseStage = .raised
    public private(set) var level: CaseLevel = .grid
    public private(set) var hasOutcome = false

    public init() {}

    public init(stage: CaseStage, level: CaseLevel, hasOutcome: Bool) {
        self.stage = stage
        self.level = level
        self.hasOutcome = hasOutcome
    }

    /// Applies one entry, or says which field of the entry breaks which rule.
    public mutating func apply(_ entry: TimelineEntry) -> (field: String, problem: RuleViolation.Problem)? {
        let closedAllows: Set<TimelineKind> = [.reopened, .satisfactionRecorded, .note]
        if stage == .closed && !closedAllows.contains(entry.kind) { return ("kind", .caseClosed) }
        switch entry.kind {
        case .raised:
            return ("kind", .timelineMustStartRaised)
        case .advanced:
            guard let target = entry.stage else { return ("stage", .required) }
            guard stage.canMove(to: target) else { return ("stage", .stageTransitionNotAllowed(from: stage, to: target)) }
            if target == .closed && !hasOutcome { return ("stage", .closeWithoutOutcome) }
            stage = target
        case .escalated:
            guard let target = entry.level else { return ("level", .required) }
            guard let above = level.above else { return ("level", .alreadyAtTopLevel) }
            guard target == above else { return ("level", .escalationNotAllowed(from: level, to: target)) }
            level = target
        case .reopened:
            guard stage == .closed else { return ("kind", .caseNotClosed) }
            stage = .heard
            hasOutcome = false
        case .outcomeRecorded:
            guard entry.outcome != nil else { return ("outcome", .required) }
            hasOutcome = true
        case .assigned:
            if entry.assigneeID == nil { return ("assigneeID", .required) }
        case .deadlineSet:
            if entry.deadline == nil { return ("deadline", .required) }
        case .satisfactionRecorded:
            if entry.satisfaction == nil { return ("satisfaction", .required) }
        case .note:
            if entry.note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ("note", .required) }
        }
        return nil
    }
}
