/// The figures on the first screen: what is on file, what is open and late, and how far
/// up cases had to go before they were settled ("小事不出网格，大事不出社区").
public struct Overview: Hashable, Sendable {
    public let today: Day
    public let counts: [RecordKind: Int]
    public let openByStage: [CaseStage: Int]
    public let overdueByStage: [CaseStage: Int]
    public let openByLevel: [CaseLevel: Int]
    public let overdueByLevel: [CaseLevel: Int]
    public let patrolsThisWeek: Int
    public let patrolsThisMonth: Int
    public let taggedResidents: Int
    public let taggedResidentsOverdue: Int
    /// Cases settled by agreement, by the level that settled them.
    public let resolvedByLevel: [CaseLevel: Int]
    /// Households whose last visit falls in the last 30 and the last 90 days, today included.
    public let visitedLast30: Int
    public let visitedLast90: Int

    public init(_ summary: DataSummary, today: Day) {
        self.today = today
        counts = Dictionary(uniqueKeysWithValues: RecordKind.allCases.map { ($0, summary.count(of: $0)) })
        var openByStage: [CaseStage: Int] = [:], overdueByStage: [CaseStage: Int] = [:]
        var openByLevel: [CaseLevel: Int] = [:], overdueByLevel: [CaseLevel: Int] = [:]
        var resolved: [CaseLevel: Int] = [:]
        for item in summary.cases {
            if let level = item.resolvedLevel { resolved[level, default: 0] += 1 }
            guard item.stage.isOpen else { continue }
            openByStage[item.stage, default: 0] += 1
            openByLevel[item.level, default: 0] += 1
            if let deadline = item.deadline, deadline < today {
                overdueByStage[item.stage, default: 0] += 1
                overdueByLevel[item.level, default: 0] += 1
            }
        }
        self.openByStage = openByStage
        self.overdueByStage = overdueByStage
        self.openByLevel = openByLevel
        self.overdueByLevel = overdueByLevel
        resolvedByLevel = resolved

        let weekStart = today.startOfWeek.dayNumber, monthStart = today.startOfMonth.dayNumber
        var week = 0, month = 0
        for (day, count) in summary.patrolsPerDay where day <= today.dayNumber {
            if day >= weekStart { week += count }
            if day >= monthStart { month += count }
        }
        patrolsThisWeek = week
        patrolsThisMonth = month

        taggedResidents = summary.taggedResidents
        taggedResidentsOverdue = summary.taggedNeverVisited
            + summary.visitsDue.reduce(0) { total, due in due.key <= today.dayNumber ? total + due.value : total }

        var last30 = 0, last90 = 0
        for (day, count) in summary.householdVisits where day <= today.dayNumber {
            if day > today.dayNumber - 30 { last30 += count }
            if day > today.dayNumber - 90 { last90 += count }
        }
        visitedLast30 = last30
        visitedLast90 = last90
    }

    /// Share of the households on file visited in the last `days` (30 or 90), 0…1; nil without households.
    public func coverage(lastDays days: Int) -> Double? {
        let households = counts[.household] ?? 0
        guard households > 0 else { return nil }
        return Double(days <= 30 ? visitedLast30 : visitedLast90) / Double(households)
    }

    public var openCases: Int { openByStage.values.reduce(0, +) }
    public var overdueCases: Int { overdueByStage.values.reduce(0, +) }
    public var resolvedCases: Int { resolvedByLevel.values.reduce(0, +) }

    /// Share of settled cases settled at `level` (0…1), nil when none has been settled.
    public func resolvedShare(at level: CaseLevel) -> Double? {
        resolvedCases == 0 ? nil : Double(resolvedByLevel[level] ?? 0) / Double(resolvedCases)
    }
}
