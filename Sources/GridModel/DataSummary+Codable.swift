/// Summaries are cached for every file of a district, so they are stored as parallel arrays of
/// plain strings and integers, which decode many times faster than keyed objects.
extension DataSummary: Codable {
    private enum CodingKeys: String, CodingKey {
        case counts
        case caseIDs, caseStages, caseLevels, caseDeadlines, caseResolvedLevels
        case patrolDays, patrolCounts
        case taggedResidents, taggedNeverVisited, dueDays, dueCounts
        case visitDays, visitCounts
    }

    /// A cache is derived data and may be damaged: values outside these ranges make it unusable
    /// (it is then rebuilt), never a crash in date or sum arithmetic.
    public static let plausibleCount = 0...1_000_000_000

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        counts = try container.decode([String: Int].self, forKey: .counts)
        guard counts.values.allSatisfy(Self.plausibleCount.contains) else {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: container, debugDescription: "a count is out of range")
        }

        let ids = try container.decode([String].self, forKey: .caseIDs)
        let stages = try container.decode([CaseStage].self, forKey: .caseStages)
        let levels = try container.decode([CaseLevel].self, forKey: .caseLevels)
        let deadlines = try container.decode([Int?].self, forKey: .caseDeadlines)
        let resolved = try container.decode([CaseLevel?].self, forKey: .caseResolvedLevels)
        guard [stages.count, levels.count, deadlines.count, resolved.count].allSatisfy({ $0 == ids.count }) else {
            throw DecodingError.dataCorruptedError(forKey: .caseIDs, in: container, debugDescription: "case columns differ in length")
        }
        guard deadlines.allSatisfy({ $0.map(Day.validDayNumbers.contains) ?? true }) else {
            throw DecodingError.dataCorruptedError(forKey: .caseDeadlines, in: container, debugDescription: "a deadline is out of range")
        }
        cases = ids.indices.map { index in
            CaseSummary(id: RecordID(ids[index]), stage: stages[index], level: levels[index],
                        deadline: deadlines[index].map(Day.init(dayNumber:)), resolvedLevel: resolved[index])
        }
        patrolsPerDay = try Self.decodeColumns(container, .patrolDays, .patrolCounts)
        taggedResidents = try container.decode(Int.self, forKey: .taggedResidents)
        taggedNeverVisited = try container.decode(Int.self, forKey: .taggedNeverVisited)
        guard Self.plausibleCount.contains(taggedResidents), Self.plausibleCount.contains(taggedNeverVisited) else {
            throw DecodingError.dataCorruptedError(forKey: .taggedResidents, in: container, debugDescription: "a count is out of range")
        }
        visitsDue = try Self.decodeColumns(container, .dueDays, .dueCounts)
        householdVisits = try Self.decodeColumns(container, .visitDays, .visitCounts)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(counts, forKey: .counts)
        try container.encode(cases.map(\.id.rawValue), forKey: .caseIDs)
        try container.encode(cases.map(\.stage), forKey: .caseStages)
        try container.encode(cases.map(\.level), forKey: .caseLevels)
        try container.encode(cases.map { $0.deadline?.dayNumber }, forKey: .caseDeadlines)
        try container.encode(cases.map(\.resolvedLevel), forKey: .caseResolvedLevels)
        let patrols = patrolsPerDay.sorted { $0.key < $1.key }
        try container.encode(patrols.map(\.key), forKey: .patrolDays)
        try container.encode(patrols.map(\.value), forKey: .patrolCounts)
        try container.encode(taggedResidents, forKey: .taggedResidents)
        try container.encode(taggedNeverVisited, forKey: .taggedNeverVisited)
        let due = visitsDue.sorted { $0.key < $1.key }
        try container.encode(due.map(\.key), forKey: .dueDays)
        try container.encode(due.map(\.value), forKey: .dueCounts)
        let visits = householdVisits.sorted { $0.key < $1.key }
        try container.encode(visits.map(\.key), forKey: .visitDays)
        try container.encode(visits.map(\.value), forKey: .visitCounts)
    }

    private static func decodeColumns(_ container: KeyedDecodingContainer<CodingKeys>, _ keys: CodingKeys,
                                      _ values: CodingKeys) throws -> [Int: Int] {
        let days = try container.decode([Int].self, forKey: keys)
        let counts = try container.decode([Int].self, forKey: values)
        guard days.count == counts.count, days.allSatisfy(Day.validDayNumbers.contains), counts.allSatisfy(plausibleCount.contains) else {
            throw DecodingError.dataCorruptedError(forKey: values, in: container, debugDescription: "columns differ in length")
        }
        return Dictionary(zip(days, counts), uniquingKeysWith: +)
    }
}
