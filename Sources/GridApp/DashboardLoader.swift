import GridModel
import GridStore

/// Reads what the dashboard shows from the data folder: everything for a community, one grid's
/// households, patrols and cases at a time for a district.
public struct DashboardLoader {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// What the first screen shows: a community whole; in a district, the first grid of the
    /// worker logged in (their to-do list reads their grid, never the whole district), else the first grid.
    public func initial(today: Day) -> DashboardData {
        let grids = store.grids
        guard grids.count > DashboardData.largeThreshold else { return load(grid: nil, today: today) }
        let own = store.writerID.flatMap { id in store.workers.first { $0.id == id } }?.gridCodes.first { code in grids.contains { $0.code == code } }
        return load(grid: own ?? grids.first?.code, today: today)
    }

    /// The records of `grid`, or of every grid when nil.
    public func load(grid: GridCode?, today: Day) -> DashboardData {
        let codes = grid.map { [$0] } ?? store.grids.map(\.code)
        // The grid's files (a household, a resident and a case file, a year of patrol months) read side by side.
        store.preload(codes.flatMap(store.filePaths(ofGrid:)))
        var data = DashboardData(
            areaName: store.manifest.name, today: today, overview: store.overview(today: today), grids: store.grids,
            workers: store.workers,
            households: codes.flatMap { store.records(Household.self, inGrid: $0) },
            residents: codes.flatMap { store.records(Resident.self, inGrid: $0) },
            patrols: codes.flatMap { store.records(PatrolLog.self, inGrid: $0) },
            cases: codes.flatMap { store.records(DisputeCase.self, inGrid: $0) },
            loadedGrid: grid, unreadableFiles: Set(store.problems.map(\.path)).count, timeZone: store.manifest.communityTimeZone,
            areaCode: store.manifest.areaCode)
        data.visitSchedule = store.visitSchedule
        data.gridSummaries = store.summariesByGrid()
        return data
    }
}
