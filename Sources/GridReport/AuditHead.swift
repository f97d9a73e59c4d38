/// The audit trail's head as `audit/head.json` records it, printed at the end of a report so that
/// the trail can later be checked against what was handed in.
public struct AuditHead: Hashable, Sendable {
    public let count: Int
    public let hash: String

    public init(count: Int, hash: String) {
        self.count = count
        self.hash = hash
    }
}
