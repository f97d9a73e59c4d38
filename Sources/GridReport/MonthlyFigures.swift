import Foundation
import GridModel

/// The figures of one area (a grid, or the community) for one month. Each is defined in the
/// README's "Monthly report" section; the comments here say which record fields they read.
public struct MonthlyFigures: Hashable, Sendable {
    /// Households on file.
    public var households = 0
    /// Households named in a patrol log (any kind) that started in the month, or whose last
    /// visit date falls in it; each counted once.
    public var householdsVisited = 0
    /// Tagged residents living here with a visit schedule, each counted once.
    public var visits = VisitCounts()
    /// The same, under each scheduled tag a resident carries (a resident with two counts twice).
    public var visitsByTag: [PopulationTag: VisitCounts] = [:]
    public var patrolsByKind: [PatrolKind: Int] = [:]
    public var findingsByKind: [FindingKind: Int] = [:]
    /// Findings of the month's patrols that name the case they opened.
    public var findingsOpeningCases = 0
    public var cases = CaseCounts()
    public var casesByCategory: [CaseCategory: CaseCounts] = [:]
    /// Cases closed in the month, by their level when closed.
    public var closedByLevel: [CaseLevel: Int] = [:]
    /// Of those, settled by agreement (reached or partial), as `DisputeCase.resolvedLevel` counts them.
    public var settledByLevel: [CaseLevel: Int] = [:]
    /// The ratings recorded in the month, the last one per case.
    public var satisfaction: [Satisfaction: Int] = [:]
    public var followUpsDue = 0
    public var followUpsDone = 0

    public init() {}

    public var patrols: Int { patrolsByKind.values.reduce(0, +) }
    public var findings: Int { findingsByKind.values.reduce(0, +) }
    public var settled: Int { settledByLevel.values.reduce(0, +) }
    public var rated: Int { satisfaction.values.reduce(0, +) }
    /// Rated satisfied or mostly satisfied.
    public var satisfiedOrMostly: Int { (satisfaction[.satisfied] ?? 0) + (satisfaction[.mostlySatisfied] ?? 0) }

    /// The figures of `records` (all of one area) for `month`, as things stood at the end of
    /// `asOf` (the month's last day, or today while the month runs).
    init(_ records: ReportRecords, month: ReportMonth, asOf: Day) {
        let zone = records.timeZone
        // Instants: the month's first moment, and the first moment after `asOf`, in the community's zone.
        let monthStart = month.firstDay.start(in: zone)
        let end = asOf.adding(days: 1).start(in: zone)

        households = records.households.count
        // Every day each household was visited: the patrols that name it, and its last visit date.
        var visitDays: [RecordID: [Day]] = [:]
        for household in records.households {
            if let last = household.lastVisit { visitDays[household.id, default: []].append(last) }
        }
        for patrol in records.patrols where patrol.start < end {
            let day = Day(patrol.start, in: zone)
            for id in Set(patrol.householdIDs) { visitDays[id, default: []].append(day) }
            guard patrol.start >= monthStart else { continue }
            patrolsByKind[patrol.kind, default: 0] += 1
            for finding in patrol.findings {
                findingsByKind[finding.kind, default: 0] += 1
                if finding.caseID != nil { findingsOpeningCases += 1 }
            }
        }
        let householdIDs = Set(records.households.map(\.id))
        householdsVisited = householdIDs.filter { id in (visitDays[id] ?? []).contains { month.contains($0) && $0 <= asOf } }.count

        for resident in records.residents where resident.status == .livingHere {
            // The dashboard's schedule (DataSummary, Overview, the to-do list): the shortest interval of the tags.
            guard let interval = records.visitSchedule.interval(for: resident.tags) else { continue }
            let days = (visitDays[resident.householdID] ?? []).filter { $0 <= asOf }
            let before = days.filter { $0 < month.firstDay }.max()
            var counts = VisitCounts()
            // Due: never visited, or the visit the schedule asks for falls on or before the month's last day.
            if before.map({ $0.adding(days: interval) <= month.lastDay }) ?? true { counts.due = 1 }
            if days.contains(where: { month.contains($0) }) { counts.visited = 1 }
            // Overdue: what screen 1 would have shown on `asOf` (Overview.taggedResidentsOverdue).
            if days.max().map({ $0.adding(days: interval + 1) <= asOf }) ?? true { counts.overdue = 1 }
            visits.add(counts)
            for tag in Set(resident.tags) where records.visitSchedule.interval(for: tag) != nil { visitsByTag[tag, default: VisitCounts()].add(counts) }
        }

        for disputeCase in records.cases where disputeCase.raisedOn <= asOf {
            addCase(disputeCase, month: month, asOf: asOf, monthStart: monthStart, end: end, zone: zone)
        }
    }

    private mutating func addCase(_ disputeCase: DisputeCase, month: ReportMonth, asOf: Day, monthStart: Date, end: Date, zone: TimeZone) {
        // The case as it stood at `end`: its timeline replayed up to then, the way the store checks it.
        var progress = CaseProgress()
        var closedOn: Day?
        var rating: Satisfaction?
        var scheduledAt: Date?
        var afterFollowUp: [Day] = []
        for entry in disputeCase.timeline.dropFirst() where entry.at < end {
            _ = progress.apply(entry)
            if entry.kind == .advanced && entry.stage == .closed { closedOn = Day(entry.at, in: zone) }
            if entry.kind == .reopened { closedOn = nil }
            if entry.kind == .satisfactionRecorded {
                scheduledAt = entry.at
                afterFollowUp = []
                if entry.at >= monthStart { rating = entry.satisfaction }
            } else if scheduledAt != nil {
                afterFollowUp.append(Day(entry.at, in: zone))
            }
        }
        var counts = CaseCounts()
        if month.contains(disputeCase.raisedOn) { counts.raised = 1 }
        if progress.stage == .closed, let closedOn, month.contains(closedOn) {
            counts.closed = 1
            closedByLevel[progress.level, default: 0] += 1
            if progress.outcome == .agreementReached || progress.outcome == .partial { settledByLevel[progress.level, default: 0] += 1 }
        }
        // DisputeCase.isOverdue on `asOf`, of the case as it then stood.
        if progress.stage.isOpen, let deadline = progress.deadline, deadline < asOf { counts.overdue = 1 }
        cases.add(counts)
        casesByCategory[disputeCase.category, default: CaseCounts()].add(counts)
        if let rating { satisfaction[rating, default: 0] += 1 }
        if let followUp = progress.followUp, month.contains(followUp) {
            followUpsDue += 1
            // Done: any later step on the case's timeline on or after the follow-up day.
            if afterFollowUp.contains(where: { $0 >= followUp }) { followUpsDone += 1 }
        }
    }
}
