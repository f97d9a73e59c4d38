import Foundation

/// What a worker has to do, worked out from the records of their grids on a given day:
///
/// - a tagged resident living here is due a visit on their household's last visit plus the
///   shortest interval of their tags (`VisitSchedule`), and listed from that day on; one whose
///   household was never visited is always listed. Residents who moved out, died or are away
///   are not;
/// - an open case is listed when its deadline is before today (overdue), when it has none, or
///   when it is assigned to the worker;
/// - a follow-up visit is listed from its day on until a later step is written on the case's
///   timeline on or after that day (the monthly report's "follow-up done").
///
/// Visits come first, most overdue (never visited) first; then cases, overdue ones first; then
/// follow-ups, oldest first.
public struct TodoList: Hashable, Sendable {
    public let items: [TodoItem]

    public init(items: [TodoItem]) { self.items = items }

    public init(households: [Household], residents: [Resident], cases: [DisputeCase], schedule: VisitSchedule,
                today: Day, worker: RecordID, grids: Set<GridCode>?, timeZone: TimeZone) {
        func mine(_ grid: GridCode) -> Bool { grids?.contains(grid) ?? true }
        var byID: [RecordID: Household] = [:]
        for household in households where mine(household.gridCode) { byID[household.id] = household }

        var visits: [TodoItem] = []
        for resident in residents where resident.status == .livingHere && mine(resident.gridCode) {
            guard let interval = schedule.interval(for: resident.tags), let household = byID[resident.householdID] else { continue }
            let due = household.lastVisit?.adding(days: interval)
            if let due, due > today { continue }
            visits.append(TodoItem(kind: .visit, gridCode: household.gridCode, recordID: household.id, residentID: resident.id,
                                   due: due, lastVisit: household.lastVisit))
        }
        // Never visited first, then the longest overdue; ties by household, so a household's people stay together.
        visits.sort { first, second in
            let firstDue = first.due?.dayNumber ?? Int.min, secondDue = second.due?.dayNumber ?? Int.min
            if firstDue != secondDue { return firstDue < secondDue }
            return (first.recordID.rawValue, first.residentID?.rawValue ?? "") < (second.recordID.rawValue, second.residentID?.rawValue ?? "")
        }

        var caseItems: [TodoItem] = []
        var followUps: [TodoItem] = []
        for item in cases where mine(item.gridCode) {
            if item.isOpen {
                let kind: TodoItem.Kind?
                if let deadline = item.deadline, deadline < today {
                    kind = .overdueCase
                } else if item.deadline == nil {
                    kind = .caseWithoutDeadline
                } else {
                    kind = item.assigneeID == worker ? .assignedCase : nil
                }
                if let kind { caseItems.append(TodoItem(kind: kind, gridCode: item.gridCode, recordID: item.id, due: item.deadline)) }
            }
            if let followUp = item.followUp, followUp <= today, !Self.followUpMade(item, on: followUp, timeZone: timeZone) {
                followUps.append(TodoItem(kind: .followUp, gridCode: item.gridCode, recordID: item.id, due: followUp))
            }
        }
        caseItems.sort { first, second in
            if first.kind != second.kind { return first.kind.rawValue < second.kind.rawValue }
            return (first.due?.dayNumber ?? 0, first.recordID.rawValue) < (second.due?.dayNumber ?? 0, second.recordID.rawValue)
        }
        followUps.sort { ($0.due?.dayNumber ?? 0, $0.recordID.rawValue) < ($1.due?.dayNumber ?? 0, $1.recordID.rawValue) }
        items = visits + caseItems + followUps
    }

    /// A follow-up counts as made when any step after the rating that set it is dated on or after its day.
    static func followUpMade(_ item: DisputeCase, on day: Day, timeZone: TimeZone) -> Bool {
        guard let rating = item.timeline.lastIndex(where: { $0.kind == .satisfactionRecorded }) else { return false }
        return item.timeline[(rating + 1)...].contains { Day($0.at, in: timeZone) >= day }
    }

    public func count(_ kinds: Set<TodoItem.Kind>) -> Int { items.reduce(0) { kinds.contains($1.kind) ? $0 + 1 : $0 } }
    public var visits: Int { count([.visit]) }
    public var cases: Int { count([.overdueCase, .caseWithoutDeadline, .assignedCase]) }
    public var followUps: Int { count([.followUp]) }
}
