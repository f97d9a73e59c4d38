import GridModel

/// One match of a search: what it is, where, and how to show it (never a full ID or phone number).
public struct SearchHit: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case resident, household, disputeCase = "case"
    }

    public let kind: Kind
    public let grid: GridCode
    public let recordID: RecordID
    /// A resident's name, a household's address, a case's number.
    public let title: String
    /// A resident's address, a household's head, a case's title.
    public let detail: String

    public init(kind: Kind, grid: GridCode, recordID: RecordID, title: String, detail: String) {
        self.kind = kind
        self.grid = grid
        self.recordID = recordID
        self.title = title
        self.detail = detail
    }
}
