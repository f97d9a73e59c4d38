/// How often residents carrying each population tag are to be visited: the community's
/// `visit-schedule.json` when it has one, else `standard`. A resident with several tags is due
/// by the shortest of their intervals.
public struct VisitSchedule: Hashable, Sendable {
    /// Days between visits, by tag; a tag left out needs no scheduled visit.
    public private(set) var intervals: [PopulationTag: Int]

    /// An interval outside this range is refused when the file is read: a day is the least that
    /// makes sense, a year the most a schedule could mean.
    public static let validDays = 1...366

    public init(intervals: [PopulationTag: Int]) {
        self.intervals = intervals.filter { Self.validDays.contains($0.value) }
    }

    /// The defaults: the most vulnerable weekly, those at risk every two weeks, those with an
    /// allowance, a disability or under correction monthly, everyone else tagged quarterly.
    public static let standard = VisitSchedule(intervals: [
        .elderlyAlone: 7,
        .emptyNestElderly: 14, .severeMentalDisorder: 14,
        .leftBehindChild: 30, .disabled: 30, .subsistenceAllowance: 30, .communityCorrection: 30,
        .veteran: 90, .partyMember: 90, .migrant: 90,
    ])

    public func interval(for tag: PopulationTag) -> Int? { intervals[tag] }

    /// The shortest interval among `tags`, nil when none of them needs visits.
    public func interval(for tags: [PopulationTag]) -> Int? {
        tags.compactMap { intervals[$0] }.min()
    }

    /// Sets or removes (nil) one tag's interval.
    public mutating func set(_ tag: PopulationTag, days: Int?) {
        intervals[tag] = days.flatMap { Self.validDays.contains($0) ? $0 : nil }
    }

    /// The schedule as one line of text, the same for the same schedule: derived figures made
    /// under another schedule are recognised by it and recomputed.
    public var fingerprint: String {
        PopulationTag.allCases.map { tag in tag.rawValue + "=" + (intervals[tag].map(String.init) ?? "-") }.joined(separator: ",")
    }
}
