/// One line of a worker's to-do list (待办): a resident due a visit, a case to act on, or a
/// follow-up visit (回访) to make. It names records by id; the screen looks them up.
public struct TodoItem: Hashable, Sendable {
    public enum Kind: Int, CaseIterable, Hashable, Sendable {
        /// A tagged resident whose household is due or overdue a visit.
        case visit
        /// An open case whose deadline has passed.
        case overdueCase
        /// An open case with no deadline set.
        case caseWithoutDeadline
        /// An open case assigned to the worker, within its deadline.
        case assignedCase
        /// A case whose follow-up visit, set with the resident's rating, is due and not yet made.
        case followUp

        public var isCase: Bool { self != .visit }
    }

    public let kind: Kind
    public let gridCode: GridCode
    /// The household to visit (visits) or the case (all others).
    public let recordID: RecordID
    /// The resident due a visit (visits only).
    public let residentID: RecordID?
    /// The day it fell or falls due: the last visit plus the interval, a case's deadline, a
    /// follow-up's date; nil for a household never visited or a case without a deadline.
    public let due: Day?
    /// The household's last visit (visits only).
    public let lastVisit: Day?

    public init(kind: Kind, gridCode: GridCode, recordID: RecordID, residentID: RecordID? = nil, due: Day?, lastVisit: Day? = nil) {
        self.kind = kind
        self.gridCode = gridCode
        self.recordID = recordID
        self.residentID = residentID
        self.due = due
        self.lastVisit = lastVisit
    }

    /// Days past the due day on `today` (0: due today), nil when there is no due day.
    public func daysOverdue(on today: Day) -> Int? { due.map { today.days(since: $0) } }
}
