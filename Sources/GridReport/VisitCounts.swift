/// Tagged residents due a visit in a month, visited in it, and overdue at its end.
public struct VisitCounts: Hashable, Sendable {
    public var due = 0
    public var visited = 0
    public var overdue = 0

    public init(due: Int = 0, visited: Int = 0, overdue: Int = 0) {
        self.due = due
        self.visited = visited
        self.overdue = overdue
    }

    mutating func add(_ other: Self) {
        due += other.due
        visited += other.visited
        overdue += other.overdue
    }
}
