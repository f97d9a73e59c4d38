import Foundation
import GridModel

/// The records the dashboard shows. A community's data is read whole; in a folder of more than
/// `largeThreshold` grids (a district), households, patrols and cases are read one grid at a time.
public struct DashboardData: Sendable {
    public static let largeThreshold = 20

    public var areaName: String
    /// The area's division code (a community's 12 digits, a district's 6): a new grid's code starts with it.
    public var areaCode: String
    public var today: Day
    /// The overview shown: of the grids in view (`AppState.overviewGrids`).
    public var overview: Overview
    /// The overview of every grid, as loaded.
    public private(set) var wholeOverview: Overview
    public var grids: [Grid]
    public var workers: [RecordID: Worker]
    public var households: [Household]
    /// Residents by household.
    public var residents: [RecordID: [Resident]]
    public var patrols: [PatrolLog]
    public var cases: [DisputeCase]
    /// The grid whose records are loaded, nil when every grid's are.
    public var loadedGrid: GridCode?
    /// Files that could not be read and are left out.
    public var unreadableFiles: Int
    /// Lookups the detail pane needs on every frame, made once.
    public let addresses: [RecordID: String]
    public let caseNumbers: [RecordID: String]
    /// The community's zone, from its manifest: times are typed and shown in it, never in the machine's own.
    public var timeZone: TimeZone
    /// How often tagged residents are visited (`visit-schedule.json`).
    public var visitSchedule = VisitSchedule.standard
    /// Each grid's figures, from the store's per-file summaries (no record read): the overview of
    /// a chosen grid or of a worker's grids adds these up. Empty: the overview stays as loaded.
    public var gridSummaries: [GridCode: DataSummary] = [:]
    /// The to-do list of the worker logged in, over the records read (`AppState` makes it).
    public var todo = TodoList(items: [])

    public init(areaName: String, today: Day, overview: Overview, grids: [Grid], workers: [Worker], households: [Household],
                residents: [Resident], patrols: [PatrolLog], cases: [DisputeCase], loadedGrid: GridCode?, unreadableFiles: Int,
                timeZone: TimeZone, areaCode: String = "") {
        self.areaName = areaName
        self.areaCode = areaCode
        self.today = today
        self.overview = overview
        wholeOverview = overview
        self.grids = grids.sorted { $0.code < $1.code }
        self.workers = Dictionary(workers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Numeric order, so building 9 comes before building 11; each address's key made once,
        // not once per comparison (a district grid's sort made it some ten thousand times).
        let keyed: [(household: Household, order: NumericOrder)] = households.map { ($0, NumericOrder($0.address.line)) }
        self.households = keyed.sorted { first, second in
            if first.household.gridCode != second.household.gridCode { return first.household.gridCode < second.household.gridCode }
            return first.order < second.order
        }.map(\.household)
        var byHousehold: [RecordID: [Resident]] = [:]
        for resident in residents { byHousehold[resident.householdID, default: []].append(resident) }
        self.residents = byHousehold.mapValues { $0.sorted { Self.relationOrder($0.relation) < Self.relationOrder($1.relation) } }
        self.patrols = patrols.sorted { ($0.start, $0.id) > ($1.start, $1.id) }
        self.cases = cases.sorted { ($0.raisedOn, $0.number) > ($1.raisedOn, $1.number) }
        self.loadedGrid = loadedGrid
        self.unreadableFiles = unreadableFiles
        self.timeZone = timeZone
        addresses = Dictionary(households.map { ($0.id, $0.address.line) }, uniquingKeysWith: { first, _ in first })
        caseNumbers = Dictionary(cases.map { ($0.id, $0.number) }, uniquingKeysWith: { first, _ in first })
    }

    public var isLarge: Bool { grids.count > Self.largeThreshold }

    public func workerName(_ id: RecordID?) -> String {
        guard let id else { return "" }
        return workers[id]?.name ?? id.rawValue
    }

    public func grid(_ code: GridCode) -> Grid? { grids.first { $0.code == code } }

    /// The overview of `grids`, or of the whole folder when nil (or when no grid summaries were read).
    func overview(of grids: Set<GridCode>?) -> Overview {
        guard let grids, !gridSummaries.isEmpty else { return wholeOverview }
        var merged = DataSummary()
        for code in grids.sorted() { if let summary = gridSummaries[code] { merged.merge(summary) } }
        return Overview(merged, today: today)
    }

    /// The head of household first, then spouse, parents, children, others.
    static func relationOrder(_ relation: Relation) -> Int { Relation.allCases.firstIndex(of: relation) ?? 0 }
}

extension DashboardData {
    /// The version of `change`'s record held here, nil when it is not (a new record).
    func record(like change: RecordChange) -> RecordChange? {
        switch change {
        case .household(let record): return households.first { $0.id == record.id }.map(RecordChange.household)
        case .resident(let record): return residents[record.householdID]?.first { $0.id == record.id }.map(RecordChange.resident)
        case .patrol(let record): return patrols.first { $0.id == record.id }.map(RecordChange.patrol)
        case .disputeCase(let record): return cases.first { $0.id == record.id }.map(RecordChange.disputeCase)
        case .grid(let record): return grids.first { $0.id == record.id }.map(RecordChange.grid)
        }
    }

    /// The resident on file with this ID number, among the residents read.
    public func resident(withIDNumber number: String) -> Resident? {
        let wanted = number.uppercased()
        for people in residents.values {
            if let found = people.first(where: { $0.idNumber == wanted }) { return found }
        }
        return nil
    }

    /// The households of one grid as a form offers them: the address and the head's name, so
    /// typing either (or its pinyin) finds the household.
    func householdOptions(in grid: GridCode) -> [(id: RecordID, label: String)] {
        households.filter { $0.gridCode == grid }.map { household in
            let people = residents[household.id] ?? []
            let head = people.first { $0.relation == .head } ?? people.first
            return (household.id, household.address.line + (head.map { "  " + $0.name } ?? ""))
        }
    }
}
