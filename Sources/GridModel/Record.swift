/// A record grid workers keep: it has a stable identity and revision (`meta`) and obeys rules.
public protocol Record: Codable, Sendable, Identifiable where ID == RecordID {
    static var kind: RecordKind { get }
    var meta: RecordMeta { get set }
    /// Every rule the record breaks on its own; empty when it is valid.
    func violations(in context: ValidationContext) -> [RuleViolation]
    /// Rules about how a saved record may change, e.g. a case's timeline only grows.
    func violations(replacing previous: Self) -> [RuleViolation]
}

extension Record {
    public var id: RecordID { meta.id }

    public func violations(replacing previous: Self) -> [RuleViolation] { [] }
}
