/// Cases raised in a month, closed in it, and open past their deadline at its end.
public struct CaseCounts: Hashable, Sendable {
    public var raised = 0
    public var closed = 0
    public var overdue = 0

    public init(raised: Int = 0, closed: Int = 0, overdue: Int = 0) {
        self.raised = raised
        self.closed = closed
        self.overdue = overdue
    }

    mutating func add(_ other: Self) {
        raised += other.raised
        closed += other.closed
        overdue += other.overdue
    }
}
