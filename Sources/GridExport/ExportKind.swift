import GridModel

/// What `gridwork export` and `:export` write: one row per record of the kind.
public enum ExportKind: String, CaseIterable, Hashable, Sendable {
    case residents, households, patrols, cases

    /// The sheet's name, and what the messages call the rows.
    public func name(_ language: Language) -> String {
        switch self {
        case .residents: return language == .zh ? "居民" : "Residents"
        case .households: return language == .zh ? "住户" : "Households"
        case .patrols: return language == .zh ? "巡查记录" : "Patrols"
        case .cases: return language == .zh ? "矛盾纠纷" : "Cases"
        }
    }
}
