import Foundation
import Testing
@testable import GridModel

@Suite struct CaseWorkflowTests {
    /// Written out by hand from the six-matters method, not derived from the code under test.
    static let allowedMoves: Set<[CaseStage]> = [
        [.raised, .heard], [.heard, .deliberated], [.heard, .handled], [.deliberated, .decided],
        [.decided, .handled], [.handled, .evaluated], [.evaluated, .closed],
    ]

    static let everyPair: [(CaseStage, CaseStage)] = CaseStage.allCases.flatMap { from in CaseStage.allCases.map { (from, $0) } }

    @Test(arguments: everyPair)
    func stageTransitions(from: CaseStage, to: CaseStage) throws {
        var disputeCase = try Fixtures.caseAt(from)
        if to == .closed && from != .closed {
            try disputeCase.recordOutcome(.failed, agreement: nil, by: Fixtures.worker, at: Fixtures.later(disputeCase))
        }
        let before = disputeCase
        let allowed = Self.allowedMoves.contains([from, to])
        do {
            try disputeCase.advance(to: to, note: "推进", by: Fixtures.worker, at: Fixtures.later(disputeCase))
            #expect(allowed, "\(from) → \(to) should be refused")
            #expect(disputeCase.stage == to)
            #expect(disputeCase.timeline.count == before.timeline.count + 1)
            #expect(disputeCase.violations(in: Fixtures.context).isEmpty)
        } catch {
            #expect(!allowed, "\(from) → \(to) should be allowed, got \(error)")
            #expect(disputeCase == before, "a refused step must change nothing")
            let expected: RuleViolation.Problem = from == .closed ? .caseClosed : .stageTransitionNotAllowed(from: from, to: to)
            #expect(error.problem == expected)
        }
    }

    @Test func aCaseCannotCloseWithoutAnOutcome() throws {
        var disputeCase = try Fixtures.caseAt(.evaluated)
        #expect(throws: RuleViolation("stage", .closeWithoutOutcome)) {
            try disputeCase.close(note: "结案", by: Fixtures.worker, at: Fixtures.later(disputeCase))
        }
        #expect(disputeCase.stage == .evaluated)
    }

    @Test func anAgreementNeedsItsText() throws {
        var disputeCase = try Fixtures.caseAt(.handled)
        #expect(throws: RuleViolation("agreement", .agreementTextRequired)) {
            try disputeCase.recordOutcome(.agreementReached, agreement: "  ", by: Fixtures.worker, at: Fixtures.later(disputeCase))
        }
        try disputeCase.recordOutcome(.referredToCourt, agreement: nil, by: Fixtures.worker, at: Fixtures.later(disputeCase))
        #expect(disputeCase.outcome == .referredToCourt)
    }

    @Test func escalatesOneLevelAtATime() throws {
        var disputeCase = Fixtures.newCase()
        for expected in [CaseLevel.community, .street, .district] {
            try disputeCase.escalate(reason: "需上级协调", by: Fixtures.worker, at: Fixtures.later(disputeCase))
            #expect(disputeCase.level == expected)
        }
        #expect(throws: RuleViolation("level", .alreadyAtTopLevel)) {
            try disputeCase.escalate(reason: "再上报", by: Fixtures.worker, at: Fixtures.later(disputeCase))
        }
        #expect(disputeCase.violations(in: Fixtures.context).isEmpty)
    }

    @Test func aStoredCaseThatSkipsALevelIsCaught() throws {
        var disputeCase = Fixtures.newCase()
        try disputeCase.escalate(reason: "需上级协调", by: Fixtures.worker, at: Fixtures.later(disputeCase))
        let json = try String(decoding: JSONEncoder.sorted.encode(disputeCase), as: UTF8.self)
            .replacingOccurrences(of: "\"level\":\"community\"", with: "\"level\":\"street\"")
        let edited = try JSONDecoder().decode(DisputeCase.self, from: Data(json.utf8))
        let problems = edited.violations(in: Fixtures.context)
        #expect(problems.contains(RuleViolation(FieldPath([.key("timeline"), .index(1), .key("level")]),
                                                .escalationNotAllowed(from: .grid, to: .street))))
        #expect(problems.contains(RuleViolation("level", .levelDisagreesWithTimeline(timeline: .grid))))
    }

    @Test func aStoredCaseWhoseStageSkipsTheWorkflowIsCaught() throws {
        let disputeCase = try Fixtures.caseAt(.heard)
        let json = try String(decoding: JSONEncoder.sorted.encode(disputeCase), as: UTF8.self)
            .replacingOccurrences(of: "\"stage\":\"heard\",\"timeline\"", with: "\"stage\":\"closed\",\"timeline\"")
        let edited = try JSONDecoder().decode(DisputeCase.self, from: Data(json.utf8))
        #expect(Set(edited.violations(in: Fixtures.context)) == [
            RuleViolation("outcome", .closeWithoutOutcome),
            RuleViolation("stage", .stageDisagreesWithTimeline(timeline: .heard)),
        ])
    }

    @Test func closedCasesOnlyReopenOrTakeARatingOrANote() throws {
        var disputeCase = try Fixtures.caseAt(.closed)
        #expect(Set(disputeCase.allowedSteps) == [.reopened, .satisfactionRecorded, .note])
        #expect(throws: RuleViolation("kind", .caseClosed)) {
            try disputeCase.escalate(reason: "上报", by: Fixtures.worker, at: Fixtures.later(disputeCase))
        }
        try disputeCase.recordSatisfaction(.satisfied, followUp: Day(year: 2026, month: 12, day: 1),
                                           by: Fixtures.worker, at: Fixtures.later(disputeCase))
        #expect(disputeCase.resolvedLevel == .grid)
        try disputeCase.reopen(reason: "协议未履行", by: Fixtures.worker, at: Fixtures.later(disputeCase))
        #expect(disputeCase.stage == .heard)
        #expect(disputeCase.outcome == nil && disputeCase.resolvedLevel == nil)
        #expect(disputeCase.violations(in: Fixtures.context).isEmpty)
        #expect(throws: RuleViolation("kind", .caseNotClosed)) {
            try disputeCase.reopen(reason: "再次", by: Fixtures.worker, at: Fixtures.later(disputeCase))
        }
    }

    @Test func anOpenCaseIsNotOfferedReopening() throws {
        let steps = Set(try Fixtures.caseAt(.heard).allowedSteps)
        #expect(steps.isSuperset(of: [.advanced, .escalated, .assigned, .deadlineSet, .outcomeRecorded, .note]))
        #expect(!steps.contains(.reopened) && !steps.contains(.raised))
    }

    @Test func theTimelineIsOnlyEverAppendedTo() throws {
        let saved = try Fixtures.caseAt(.handled)
        var grown = saved
        try grown.addNote("补充说明", by: Fixtures.worker, at: Fixtures.later(grown))
        #expect(grown.violations(replacing: saved).isEmpty)

        let json = try String(decoding: JSONEncoder.sorted.encode(saved), as: UTF8.self)
        let edited = try JSONDecoder().decode(DisputeCase.self, from: Data(json.replacingOccurrences(of: "推进", with: "改写").utf8))
        #expect(edited.violations(replacing: saved) == [RuleViolation("timeline", .timelineRewritten)])
        #expect(saved.violations(replacing: grown) == [RuleViolation("timeline", .timelineRewritten)])
    }

    @Test func timelineEntriesMustStayInTimeOrder() throws {
        var disputeCase = Fixtures.newCase()
        let earlier = Fixtures.later(disputeCase, minutes: -60)
        #expect(throws: RuleViolation("at", .timelineOutOfOrder)) {
            try disputeCase.addNote("补记", by: Fixtures.worker, at: earlier)
        }
    }

    @Test func overdueMeansOpenAndPastTheDeadline() throws {
        var disputeCase = Fixtures.newCase()
        let deadline = Day(year: 2026, month: 11, day: 1) ?? Fixtures.context.today
        try disputeCase.setDeadline(deadline, by: Fixtures.worker, at: Fixtures.later(disputeCase))
        #expect(disputeCase.isOverdue(on: deadline.adding(days: 1)))
        #expect(!disputeCase.isOverdue(on: deadline))
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

@Suite struct CaseFieldsFollowTheTimelineTests {
    @Test func aHandEditedOutcomeOrAssigneeIsCaught() throws {
        var disputeCase = try Fixtures.caseAt(.handled)
        try disputeCase.recordOutcome(.agreementReached, agreement: "双方同意", by: Fixtures.worker, at: Fixtures.later(disputeCase))
        try disputeCase.assign(to: RecordID("W-1"), by: Fixtures.worker, at: Fixtures.later(disputeCase))
        let json = try String(decoding: JSONEncoder.sorted.encode(disputeCase), as: UTF8.self)
        let edited = json.replacingOccurrences(of: "\"assigneeID\":\"W-1\",\"at\"", with: "\"assigneeID\":\"W-1\",\"at\"")
            .replacingOccurrences(of: "\"assigneeID\":\"W-1\",\"category\"", with: "\"assigneeID\":\"W-nobody\",\"category\"")
            .replacingOccurrences(of: "\"outcome\":\"agreementReached\",\"parties\"", with: "\"outcome\":\"failed\",\"parties\"")
        let changed = try JSONDecoder().decode(DisputeCase.self, from: Data(edited.utf8))
        #expect(Set(changed.violations(in: Fixtures.context)) == [
            RuleViolation("assigneeID", .disagreesWithTimeline), RuleViolation("outcome", .disagreesWithTimeline),
        ])
        #expect(disputeCase.violations(in: Fixtures.context).isEmpty)
    }
}
