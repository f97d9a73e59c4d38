/// A resident's relation to the head of household.
public enum Relation: String, CaseIterable, Codable, Hashable, Sendable {
    case head
    case spouse
    case child
    case parent
    case grandchild
    case sibling
    case tenant
    case other

    public func name(_ language: Language) -> String {
        switch self {
        case .head: return language == .zh ? "户主" : "head"
        case .spouse: return language == .zh ? "配偶" : "spouse"
        case .child: return language == .zh ? "子女" : "child"
        case .parent: return language == .zh ? "父母" : "parent"
        case .grandchild: return language == .zh ? "孙辈" : "grandchild"
        case .sibling: return language == .zh ? "兄弟姐妹" : "sibling"
        case .tenant: return language == .zh ? "租户" : "tenant"
        case .other: return language == .zh ? "其他" : "other"
        }
    }
}
