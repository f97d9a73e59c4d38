import GridModel

extension Store {
    /// The story of household `id` of `grid` (see `HouseholdStory`), from that grid's files, the
    /// cases of `caseGrids` (every grid when nil: a community read whole), and the audit trail.
    /// Nil when the household is not on file.
    public func householdStory(of id: RecordID, in grid: GridCode, caseGrids: [GridCode]?) -> HouseholdStory? {
        guard let household = records(Household.self, inGrid: grid).first(where: { $0.id == id }) else { return nil }
        let residents = records(Resident.self, inGrid: grid).filter { $0.householdID == id }
        let cases = (caseGrids ?? grids.map(\.code)).flatMap { records(DisputeCase.self, inGrid: $0) }
        let wanted = Set([id.rawValue] + residents.map(\.id.rawValue))
        return HouseholdStory(household: household, residents: residents, patrols: records(PatrolLog.self, inGrid: grid), cases: cases,
                              audit: audit.allEntries().filter { $0.record.map(wanted.contains) ?? false })
    }
}
