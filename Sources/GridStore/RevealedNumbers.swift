import GridModel

/// Which personal numbers of one record were shown or written out in full: what an audit
/// entry of a reveal names (the fields, never their values).
public struct RevealedNumbers: Hashable, Sendable {
    public let kind: RecordKind
    public let record: RecordID
    /// `idNumber`, `phone`.
    public let fields: [String]

    public init(kind: RecordKind, record: RecordID, fields: [String]) {
        self.kind = kind
        self.record = record
        self.fields = fields
    }
}
