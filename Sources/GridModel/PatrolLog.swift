import Foundation

/// A patrol or visit (网格巡查): who went where, when, and what they found.
public struct PatrolLog: Record, Hashable {
    public static let kind = RecordKind.patrolLog

    public var meta: RecordMeta
    public var gridCode: GridCode
    public var workerID: RecordID
    public var kind: PatrolKind
    public var start: Date
    public var end: Date
    public var householdIDs: [RecordID]
    public var findings: [Finding]
    public var notes: String

    public init(meta: RecordMeta, gridCode: GridCode, workerID: RecordID, kind: PatrolKind, start: Date, end: Date,
                householdIDs: [RecordID] = [], findings: [Finding] = [], notes: String = "") {
        self.meta = meta
        self.gridCode = gridCode
        self.workerID = workerID
        self.kind = kind
        self.start = start
        self.end = end
        self.householdIDs = householdIDs
        self.findings = findings
        self.notes = notes
    }

    public func violations(in context: ValidationContext) -> [RuleViolation] {
        var check = RuleCheck(context)
        check.meta(meta)
        check.gridCode(gridCode, "gridCode")
        if workerID.rawValue.isEmpty { check.add("workerID", .required) }
        check.plausible(start, "start")
        check.plausible(end, "end")
        if end < start { check.add("end", .endsBeforeStart) }
        for (index, finding) in findings.enumerated() {
            check.required(finding.text, FieldPath("findings").appending(index: index).appending("text"), maxLength: 500)
        }
        check.optional(notes, "notes", maxLength: 2000)
        return check.violations
    }
}

/// Something a patrol found: a hazard, a request or a dispute. A finding can open a case.
public struct Finding: Codable, Hashable, Sendable {
    public var kind: FindingKind
    public var text: String
    public var householdID: RecordID?
    /// The case opened from this finding, if any.
    public var caseID: RecordID?

    public init(kind: FindingKind, text: String, householdID: RecordID? = nil, caseID: RecordID? = nil) {
        self.kind = kind
        self.text = text
        self.householdID = householdID
        self.caseID = caseID
    }
}
