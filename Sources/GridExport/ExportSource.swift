import Foundation
import GridModel

/// The records an export reads: the rows are the records of the kind exported, in the order
/// given (the dashboard's list order, or `inLedgerOrder`); the others are looked up (a resident's
/// household for their address, a household's residents for its head and count, a case's party
/// residents for their phones, workers and grids for names).
public struct ExportSource: Hashable, Sendable {
    public var households: [Household]
    public var residents: [Resident]
    public var patrols: [PatrolLog]
    public var cases: [DisputeCase]
    public var grids: [Grid]
    public var workers: [Worker]
    /// The community's zone: a patrol's times are written as its clocks showed them.
    public var timeZone: TimeZone

    public init(households: [Household] = [], residents: [Resident] = [], patrols: [PatrolLog] = [], cases: [DisputeCase] = [],
                grids: [Grid] = [], workers: [Worker] = [], timeZone: TimeZone) {
        self.households = households
        self.residents = residents
        self.patrols = patrols
        self.cases = cases
        self.grids = grids
        self.workers = workers
        self.timeZone = timeZone
    }

    /// How many rows an export of `kind` writes.
    public func count(of kind: ExportKind) -> Int {
        switch kind {
        case .residents: return residents.count
        case .households: return households.count
        case .patrols: return patrols.count
        case .cases: return cases.count
        }
    }

    /// The same, with only the records of `kind` in `grids` kept (nil keeps all); the lookups stay.
    public func keeping(_ kind: ExportKind, inGrids grids: Set<GridCode>?) -> ExportSource {
        guard let grids else { return self }
        var kept = self
        switch kind {
        case .residents: kept.residents = residents.filter { grids.contains($0.gridCode) }
        case .households: kept.households = households.filter { grids.contains($0.gridCode) }
        case .patrols: kept.patrols = patrols.filter { grids.contains($0.gridCode) }
        case .cases: kept.cases = cases.filter { grids.contains($0.gridCode) }
        }
        return kept
    }

    /// The order of a paper ledger: households by grid and address (building 9 before 11), each
    /// household's residents head first; patrols from the earliest; cases by number.
    public func inLedgerOrder() -> ExportSource {
        var sorted = self
        // Each address's key made once, not once per comparison.
        sorted.households = households.map { ($0, NumericOrder($0.address.line)) }
            .sorted { $0.0.gridCode != $1.0.gridCode ? $0.0.gridCode < $1.0.gridCode : $0.1 < $1.1 }
            .map(\.0)
        let place = Dictionary(sorted.households.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        sorted.residents = residents.sorted { first, second in
            let one = place[first.householdID] ?? Int.max, two = place[second.householdID] ?? Int.max
            if one != two { return one < two }
            let rankOne = Relation.allCases.firstIndex(of: first.relation) ?? 0, rankTwo = Relation.allCases.firstIndex(of: second.relation) ?? 0
            return rankOne != rankTwo ? rankOne < rankTwo : first.birthDate < second.birthDate
        }
        sorted.patrols = patrols.sorted { ($0.start, $0.id.rawValue) < ($1.start, $1.id.rawValue) }
        sorted.cases = cases.sorted { $0.number.compare($1.number, options: .numeric) == .orderedAscending }
        return sorted
    }
}
