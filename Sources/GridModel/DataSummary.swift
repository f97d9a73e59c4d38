import Foundation

/// The few facts about a set of records that the overview needs, small enough to cache per file
/// so that the first screen opens without decoding every household and patrol of a district.
public struct DataSummary: Hashable, Sendable {
    /// Records per kind, keyed by `RecordKind.rawValue`.
    public var counts: [String: Int] = [:]
    public var cases: [CaseSummary] = []
    /// Patrols per day, keyed by `Day.dayNumber`.
    public var patrolsPerDay: [Int: Int] = [:]
    /// Residents living here whose tags call for scheduled visits.
    public var taggedResidents = 0
    /// Of those, how many fall due on each day (keyed by `Day.dayNumber`): the day after their
    /// household's last visit plus their interval. Kept as a histogram, it answers "who is
    /// overdue today" on any later day without keeping a single id.
    public var visitsDue: [Int: Int] = [:]
    /// Tagged residents whose household was never visited: always overdue.
    public var taggedNeverVisited = 0
    /// Households by the day of their last visit (keyed by `Day.dayNumber`): how many were
    /// visited in the last 30 or 90 days, on any later day.
    public var householdVisits: [Int: Int] = [:]

    public init() {}

    public init(count: Int, of kind: RecordKind) { counts[kind.rawValue] = count }

    public init(households: [Household]) {
        self.init(count: households.count, of: .household)
        for household in households {
            if let visited = household.lastVisit { householdVisits[visited.dayNumber, default: 0] += 1 }
        }
    }

    /// Residents are summarized with their grid's households, whose last visits they need, under
    /// the community's visit schedule. Those who moved out or died are not counted; of the
    /// others, those living here (not away) are due visits.
    public init(residents: [Resident], households: [Household], schedule: VisitSchedule = .standard) {
        self.init(count: residents.reduce(0) { $1.status.isCounted ? $0 + 1 : $0 }, of: .resident)
        var lastVisit: [RecordID: Day] = [:]
        for household in households { lastVisit[household.id] = household.lastVisit }
        for resident in residents where resident.status == .livingHere {
            guard let interval = schedule.interval(for: resident.tags) else { continue }
            taggedResidents += 1
            if let visited = lastVisit[resident.householdID] {
                visitsDue[visited.dayNumber + interval + 1, default: 0] += 1
            } else {
                taggedNeverVisited += 1
            }
        }
    }

    public init(patrols: [PatrolLog], timeZone: TimeZone) {
        self.init(count: patrols.count, of: .patrolLog)
        for patrol in patrols { patrolsPerDay[Day(patrol.start, in: timeZone).dayNumber, default: 0] += 1 }
    }

    public init(cases disputeCases: [DisputeCase]) {
        self.init(count: disputeCases.count, of: .disputeCase)
        cases = disputeCases.map(CaseSummary.init)
    }

    public func count(of kind: RecordKind) -> Int { counts[kind.rawValue] ?? 0 }

    public mutating func merge(_ other: DataSummary) {
        counts.merge(other.counts, uniquingKeysWith: +)
        cases += other.cases
        patrolsPerDay.merge(other.patrolsPerDay, uniquingKeysWith: +)
        taggedResidents += other.taggedResidents
        visitsDue.merge(other.visitsDue, uniquingKeysWith: +)
        taggedNeverVisited += other.taggedNeverVisited
        householdVisits.merge(other.householdVisits, uniquingKeysWith: +)
    }
}

/// What the overview needs of one case.
public struct CaseSummary: Codable, Hashable, Sendable {
    public let id: RecordID
    public let stage: CaseStage
    public let level: CaseLevel
    public let deadline: Day?
    public let resolvedLevel: CaseLevel?

    public init(id: RecordID, stage: CaseStage, level: CaseLevel, deadline: Day?, resolvedLevel: CaseLevel?) {
        self.id = id
        self.stage = stage
        self.level = level
        self.deadline = deadline
        self.resolvedLevel = resolvedLevel
    }

    public init(_ disputeCase: DisputeCase) {
        id = disputeCase.id
        stage = disputeCase.stage
        level = disputeCase.level
        deadline = disputeCase.deadline
        resolvedLevel = disputeCase.resolvedLevel
    }
}
