import Foundation
import GridModel

/// The records a monthly report reads: every household, resident, patrol and case of the grids
/// reported on (other grids' records are ignored), with the community's zone for dates.
public struct ReportRecords: Hashable, Sendable {
    public var grids: [Grid]
    public var households: [Household]
    public var residents: [Resident]
    public var patrols: [PatrolLog]
    public var cases: [DisputeCase]
    public var timeZone: TimeZone
    /// The community's visit schedule (`visit-schedule.json`), as the dashboard uses it.
    public var visitSchedule = VisitSchedule.standard

    public init(grids: [Grid], households: [Household] = [], residents: [Resident] = [], patrols: [PatrolLog] = [],
                cases: [DisputeCase] = [], timeZone: TimeZone) {
        self.grids = grids
        self.households = households
        self.residents = residents
        self.patrols = patrols
        self.cases = cases
        self.timeZone = timeZone
    }
}
