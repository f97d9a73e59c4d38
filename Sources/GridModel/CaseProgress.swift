import Foundation

/// Where a case stands as its timeline is replayed. Both the workflow actions and the check of
/// a stored case go through `apply`, so the allowed moves are written down exactly once.
public struct CaseProgress: Hashable, Sendable {
    public private(set) var stage: CaseStage = .raised
    public private(set) var level: CaseLevel = .grid
    public private(set) var outcome: Outcome?
    public private(set) var agreement: String?
    public private(set) var assigneeID: RecordID?
    public private(set) var deadline: Day?
    public private(set) var satisfaction: Satisfaction?
    public private(set) var followUp: Day?

    public var hasOutcome: Bool { outcome != nil }

    public init() {}

    /// Where a case's stored fields say it stands.
    public init(_ disputeCase: DisputeCase) {
        stage = disputeCase.stage
        level = disputeCase.level
        outcome = disputeCase.outcome
        agreement = disputeCase.agreement
        assigneeID = disputeCase.assigneeID
        deadline = disputeCase.deadline
        satisfaction = disputeCase.satisfaction
        followUp = disputeCase.followUp
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
            outcome = nil
            agreement = nil
        case .outcomeRecorded:
            guard let recorded = entry.outcome else { return ("outcome", .required) }
            outcome = recorded
            agreement = entry.agreement
        case .assigned:
            guard let assignee = entry.assigneeID else { return ("assigneeID", .required) }
            assigneeID = assignee
        case .deadlineSet:
            guard let day = entry.deadline else { return ("deadline", .required) }
            deadline = day
        case .satisfactionRecorded:
            guard let rating = entry.satisfaction else { return ("satisfaction", .required) }
            satisfaction = rating
            followUp = entry.followUp
        case .note:
            if entry.note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ("note", .required) }
        }
        return nil
    }
}
