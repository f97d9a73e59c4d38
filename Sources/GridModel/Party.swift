/// Someone involved in a dispute: a resident on file or an outsider (a company, a landlord from elsewhere).
public struct Party: Codable, Hashable, Sendable {
    public var name: String
    /// Set when the party is a resident on file.
    public var residentID: RecordID?
    /// Free text such as 申请人 / 被申请人.
    public var role: String

    public init(name: String, residentID: RecordID? = nil, role: String = "") {
        self.name = name
        self.residentID = residentID
        self.role = role
    }
}
