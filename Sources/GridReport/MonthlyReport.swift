import Foundation
import GridModel

/// The monthly report (月报): the figures of each grid and of all of them together for one
/// calendar month, built from records alone (no files), so that every figure can be tested.
public struct MonthlyReport: Hashable, Sendable {
    public let month: ReportMonth
    /// The day the figures stand at: the month's last day, or today while the month runs.
    public let asOf: Day
    /// The area's name for the whole (the community's).
    public let areaName: String
    /// All the grids reported on together.
    public let total: MonthlyFigures
    /// Each grid, in code order.
    public let grids: [GridFigures]
    /// The audit trail's head when the report was made, nil when the folder has none.
    public let auditHead: AuditHead?

    public init(month: ReportMonth, today: Day, areaName: String, records: ReportRecords, auditHead: AuditHead? = nil) {
        self.month = month
        asOf = min(month.lastDay, today)
        self.areaName = areaName
        self.auditHead = auditHead
        let asOf = self.asOf
        total = MonthlyFigures(records, month: month, asOf: asOf)
        grids = records.grids.sorted { $0.code < $1.code }.map { grid in
            var own = records
            own.grids = [grid]
            own.households = records.households.filter { $0.gridCode == grid.code }
            own.residents = records.residents.filter { $0.gridCode == grid.code }
            own.patrols = records.patrols.filter { $0.gridCode == grid.code }
            own.cases = records.cases.filter { $0.gridCode == grid.code }
            return GridFigures(grid: grid, figures: MonthlyFigures(own, month: month, asOf: asOf))
        }
    }

    /// The figures by grid code, nil for a grid not reported on.
    public func figures(of code: GridCode) -> MonthlyFigures? { grids.first { $0.grid.code == code }?.figures }
}
