import Foundation

/// The few facts about a set of records that the overview needs, small enough to cache per file
/// so that the first screen opens without decoding every household and patrol of a district.
public struct DataSummary: Codable, Hashable, Sendable {
    /// Records per kind, keyed by `RecordKind.rawValue`.
    public var counts: [String: Int] = [:]
    public var cases: [CaseSummary] = []
    /// Patrols per day, keyed by `Day.iso`.
    public var patrolsPerDay: [String: Int] = [:]
    /// Each visited household's last visit, keyed by household id.
    public var lastVisits: [String: Day] = [:]
    /// Residents living here whose tags call for scheduled visits.
    public var taggedResidents: [TaggedResident] = []

    public init() {}

    public init(households: [Household]) {
        counts[RecordKind.household.rawValue] = households.count
        for household in households {
            if let visit = household.lastVisit { lastVisits[household.id.rawValue] = visit }
        }
    }

    public init(residents: [Resident]) {
        counts[RecordKind.resident.rawValue] = residents.count
        taggedResidents = residents.compactMap { resident in
            guard resident.status == .livingHere, let interval = PopulationTag.visitInterval(for: resident.tags) else { return nil }
            return TaggedResident(id: resident.id, householdID: resident.householdID, visitIntervalDays: interval)
        }
    }

    public init(patrols: [PatrolLog], timeZone: TimeZone) {
        counts[RecordKind.patrolLog.rawValue] = patrols.count
        for patrol in patrols { patrolsPerDay[Day(patrol.start, in: timeZone).iso, default: 0] += 1 }
    }

    public init(cases disputeCases: [DisputeCase]) {
        counts[RecordKind.disputeCase.rawValue] = disputeCases.count
        cases = disputeCases.map(CaseSummary.init)
    }

    public init(count: Int, of kind: RecordKind) { counts[kind.rawValue] = count }

    public func count(of kind: RecordKind) -> Int { counts[kind.rawValue] ?? 0 }

    public mutating func merge(_ other: DataSummary) {
        counts.merge(other.counts, uniquingKeysWith: +)
        cases += other.cases
        patrolsPerDay.merge(other.patrolsPerDay, uniquingKeysWith: +)
        lastVisits.merge(other.lastVisits) { max($0, $1) }
        taggedResidents += other.taggedResidents
    }
}

/// What the overview needs of one case.
public struct CaseSummary: Codable, Hashable, Sendable {
    public let id: RecordID
    public let stage: CaseStage
    public let level: CaseLevel
    public let deadline: Day?
    public let resolvedLevel: CaseLevel?

    public init(_ disputeCase: DisputeCase) {
        id = disputeCase.id
        stage = disputeCase.stage
        level = disputeCase.level
        deadline = disputeCase.deadline
        resolvedLevel = disputeCase.resolvedLevel
    }
}

/// A resident who must be visited every `visitIntervalDays`.
public struct TaggedResident: Codable, Hashable, Sendable {
    public let id: RecordID
    public let householdID: RecordID
    public let visitIntervalDays: Int
}
