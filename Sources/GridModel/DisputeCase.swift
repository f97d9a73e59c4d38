import Foundation

/// A dispute-mediation case (矛盾纠纷) worked through the six-matters method.
/// Its stage and level change only through the workflow methods, each of which appends to the
/// timeline; the timeline is never edited or shortened.
public struct DisputeCase: Record, Hashable {
    public static let kind = RecordKind.disputeCase

    public var meta: RecordMeta
    /// The number people quote, e.g. `JF2026-00042`.
    public var number: String
    public var title: String
    public var category: CaseCategory
    public var parties: [Party]
    public var gridCode: GridCode
    public var source: CaseSource
    public var matterClass: MatterClass
    public var raisedOn: Day
    /// The patrol log whose finding opened this case, if any.
    public var patrolID: RecordID?
    public var notes: String
    public private(set) var stage: CaseStage
    public private(set) var level: CaseLevel
    public private(set) var assigneeID: RecordID?
    public private(set) var deadline: Day?
    public private(set) var outcome: Outcome?
    public private(set) var agreement: String?
    public private(set) var satisfaction: Satisfaction?
    public private(set) var followUp: Day?
    public private(set) var timeline: [TimelineEntry]

    /// A new case at stage `raised`, grid level, with the first timeline entry.
    public init(meta: RecordMeta, number: String, title: String, category: CaseCategory, parties: [Party],
                gridCode: GridCode, source: CaseSource, matterClass: MatterClass, raisedOn: Day,
                patrolID: RecordID? = nil, notes: String = "", note: String = "") {
        self.meta = meta
        self.number = number
        self.title = title
        self.category = category
        self.parties = parties
        self.gridCode = gridCode
        self.source = source
        self.matterClass = matterClass
        self.raisedOn = raisedOn
        self.patrolID = patrolID
        self.notes = notes
        stage = .raised
        level = .grid
        timeline = [TimelineEntry(at: meta.createdAt, by: meta.createdBy, kind: .raised, stage: .raised, note: note)]
    }

    public var isOpen: Bool { stage.isOpen }

    public func isOverdue(on day: Day) -> Bool {
        guard isOpen, let deadline else { return false }
        return deadline < day
    }

    /// The level at which the case was settled by agreement, nil while open or when it was not settled.
    public var resolvedLevel: CaseLevel? {
        guard stage == .closed, outcome == .agreementReached || outcome == .partial else { return nil }
        return level
    }

    // MARK: The workflow

    public mutating func advance(to target: CaseStage, note: String, by worker: RecordID, at instant: Date) throws(RuleViolation) {
        try append(TimelineEntry(at: instant, by: worker, kind: .advanced, stage: target, note: note))
        stage = target
    }

    public mutating func escalate(reason: String, by worker: RecordID, at instant: Date) throws(RuleViolation) {
        guard let above = level.above else { throw RuleViolation("level", .alreadyAtTopLevel) }
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw RuleViolation("note", .required) }
        try append(TimelineEntry(at: instant, by: worker, kind: .escalated, level: above, note: reason))
        level = above
    }

    public mutating func assign(to assignee: RecordID, note: String = "", by worker: RecordID, at instant: Date) throws(RuleViolation) {
        try append(TimelineEntry(at: instant, by: worker, kind: .assigned, assigneeID: assignee, note: note))
        assigneeID = assignee
    }

    public mutating func setDeadline(_ day: Day, note: String = "", by worker: RecordID, at instant: Date) throws(RuleViolation) {
        try append(TimelineEntry(at: instant, by: worker, kind: .deadlineSet, deadline: day, note: note))
        deadline = day
    }

    public mutating func recordOutcome(_ result: Outcome, agreement text: String?, note: String = "",
                                       by worker: RecordID, at instant: Date) throws(RuleViolation) {
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if Self.needsAgreementText(result) && trimmed.isEmpty { throw RuleViolation("agreement", .agreementTextRequired) }
        let text = trimmed.isEmpty ? nil : trimmed
        try append(TimelineEntry(at: instant, by: worker, kind: .outcomeRecorded, outcome: result, agreement: text, note: note))
        outcome = result
        agreement = text
    }

    public mutating func recordSatisfaction(_ rating: Satisfaction, followUp visit: Day?, note: String = "",
                                            by worker: RecordID, at instant: Date) throws(RuleViolation) {
        try append(TimelineEntry(at: instant, by: worker, kind: .satisfactionRecorded, satisfaction: rating, followUp: visit, note: note))
        satisfaction = rating
        followUp = visit
    }

    public mutating func close(note: String, by worker: RecordID, at instant: Date) throws(RuleViolation) {
        try advance(to: .closed, note: note, by: worker, at: instant)
    }

    /// Back to `heard`; the old outcome no longer stands, so closing again needs a new one.
    public mutating func reopen(reason: String, by worker: RecordID, at instant: Date) throws(RuleViolation) {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw RuleViolation("note", .required) }
        try append(TimelineEntry(at: instant, by: worker, kind: .reopened, stage: .heard, note: reason))
        stage = .heard
        outcome = nil
        agreement = nil
    }

    public mutating func addNote(_ note: String, by worker: RecordID, at instant: Date) throws(RuleViolation) {
        try append(TimelineEntry(at: instant, by: worker, kind: .note, note: note))
    }

    /// Which workflow steps the case's state allows now (the action pane offers only these).
    public var allowedSteps: [TimelineKind] {
        let progress = CaseProgress(self)
        let probe = Date(timeIntervalSince1970: 0)
        return TimelineKind.allCases.filter { kind in
            var trial = progress
            let entry = TimelineEntry(at: probe, by: RecordID(""), kind: kind,
                                      stage: kind == .reopened ? .heard : stage.nextStages.first,
                                      level: level.above, assigneeID: RecordID("-"), deadline: raisedOn,
                                      outcome: .agreementReached, satisfaction: .satisfied, note: "-")
            return trial.apply(entry) == nil
        }
    }

    private mutating func append(_ entry: TimelineEntry) throws(RuleViolation) {
        var progress = CaseProgress(self)
        if let (field, problem) = progress.apply(entry) { throw RuleViolation(FieldPath(stringLiteral: field), problem) }
        if let last = timeline.last, entry.at < last.at { throw RuleViolation("at", .timelineOutOfOrder) }
        timeline.append(entry)
    }

    static func needsAgreementText(_ outcome: Outcome) -> Bool { outcome == .agreementReached || outcome == .partial }

    // MARK: Rules

    public func violations(in context: ValidationContext) -> [RuleViolation] {
        var check = RuleCheck(context)
        check.meta(meta)
        check.required(number, "number", maxLength: 30)
        check.required(title, "title", maxLength: 100)
        check.gridCode(gridCode, "gridCode")
        check.plausible(raisedOn, "raisedOn")
        if parties.isEmpty { check.add("parties", .required) }
        for (index, party) in parties.enumerated() {
            check.required(party.name, FieldPath("parties").appending(index: index).appending("name"), maxLength: 60)
        }
        if stage == .closed && outcome == nil { check.add("outcome", .closeWithoutOutcome) }
        if let outcome, Self.needsAgreementText(outcome), (agreement ?? "").isEmpty { check.add("agreement", .agreementTextRequired) }
        check.optional(agreement, "agreement", maxLength: 4000)
        check.optional(notes, "notes", maxLength: 4000)

        var progress = CaseProgress()
        for (index, entry) in timeline.enumerated() {
            let path = FieldPath("timeline").appending(index: index)
            check.plausible(entry.at, path.appending("at"))
            if index == 0 {
                if entry.kind != .raised { check.add(path.appending("kind"), .timelineMustStartRaised) }
                continue
            }
            if entry.at < timeline[index - 1].at { check.add(path.appending("at"), .timelineOutOfOrder) }
            if let (field, problem) = progress.apply(entry) { check.add(path.appending(field), problem) }
        }
        if timeline.isEmpty { check.add("timeline", .timelineMustStartRaised) }
        if progress.stage != stage { check.add("stage", .stageDisagreesWithTimeline(timeline: progress.stage)) }
        if progress.level != level { check.add("level", .levelDisagreesWithTimeline(timeline: progress.level)) }
        // Every other workflow field is what the timeline last recorded, or a hand edit.
        if progress.outcome != outcome { check.add("outcome", .disagreesWithTimeline) }
        if progress.agreement != agreement { check.add("agreement", .disagreesWithTimeline) }
        if progress.assigneeID != assigneeID { check.add("assigneeID", .disagreesWithTimeline) }
        if progress.deadline != deadline { check.add("deadline", .disagreesWithTimeline) }
        if progress.satisfaction != satisfaction { check.add("satisfaction", .disagreesWithTimeline) }
        if progress.followUp != followUp { check.add("followUp", .disagreesWithTimeline) }
        return check.violations
    }

    /// The saved timeline must be an unchanged prefix of the new one, and the number stays.
    public func violations(replacing previous: DisputeCase) -> [RuleViolation] {
        var found: [RuleViolation] = []
        if timeline.count < previous.timeline.count || Array(timeline.prefix(previous.timeline.count)) != previous.timeline {
            found.append(RuleViolation("timeline", .timelineRewritten))
        }
        if number != previous.number { found.append(RuleViolation("number", .changeNotAllowed)) }
        return found
    }
}
