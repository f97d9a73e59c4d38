import Foundation

/// One step on a case's timeline: when, who, what was done. Entries are only ever appended.
public struct TimelineEntry: Codable, Hashable, Sendable {
    public let at: Date
    public let by: RecordID
    public let kind: TimelineKind
    /// The stage reached (`advanced`, `reopened`).
    public let stage: CaseStage?
    /// The level reached (`escalated`).
    public let level: CaseLevel?
    public let assigneeID: RecordID?
    public let deadline: Day?
    public let outcome: Outcome?
    /// The agreement's text (`outcomeRecorded`).
    public let agreement: String?
    public let satisfaction: Satisfaction?
    /// The follow-up visit (`satisfactionRecorded`).
    public let followUp: Day?
    public let note: String

    public init(at: Date, by: RecordID, kind: TimelineKind, stage: CaseStage? = nil, level: CaseLevel? = nil,
                assigneeID: RecordID? = nil, deadline: Day? = nil, outcome: Outcome? = nil, agreement: String? = nil,
                satisfaction: Satisfaction? = nil, followUp: Day? = nil, note: String = "") {
        self.at = at
        self.by = by
        self.kind = kind
        self.stage = stage
        self.level = level
        self.assigneeID = assigneeID
        self.deadline = deadline
        self.outcome = outcome
        self.agreement = agreement
        self.satisfaction = satisfaction
        self.followUp = followUp
        self.note = note
    }
}
