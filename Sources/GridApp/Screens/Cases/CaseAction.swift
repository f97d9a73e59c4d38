import GridModel

/// The workflow steps a case offers in the action pane, each a form that appends to its timeline.
public enum CaseAction: String, CaseIterable, Codable, Hashable, Sendable {
    case advance, escalate, assign, deadline, outcome, rating, close, reopen, note

    /// Whether the case's state allows this step now; steps it does not allow are not offered.
    public func isAllowed(for disputeCase: DisputeCase) -> Bool {
        let steps = disputeCase.allowedSteps
        switch self {
        case .advance: return steps.contains(.advanced) && disputeCase.stage.nextStages.contains { $0 != .closed }
        case .close: return disputeCase.stage.canMove(to: .closed) && disputeCase.outcome != nil
        case .escalate: return steps.contains(.escalated)
        case .assign: return steps.contains(.assigned)
        case .deadline: return steps.contains(.deadlineSet)
        case .outcome: return steps.contains(.outcomeRecorded)
        case .rating: return steps.contains(.satisfactionRecorded)
        case .reopen: return steps.contains(.reopened)
        case .note: return steps.contains(.note)
        }
    }
}
