/// The tags a household is usually marked with in a community's ledger. Households keep their
/// tags as words (`Household.tags`), so a tag a community wrote itself stays on file; these are
/// what the form offers to tick.
public enum HouseholdTag: String, CaseIterable, Hashable, Sendable {
    case rentedOut = "出租房屋"
    case groupRental = "群租房"
    case subsistence = "低保户"
    case hardship = "困难家庭"
    case livingAlone = "独居户"
    case militaryFamily = "军烈属"
    case keyConcern = "重点关注"

    public func name(_ language: Language) -> String {
        guard language == .en else { return rawValue }
        switch self {
        case .rentedOut: return "rented out"
        case .groupRental: return "group rental"
        case .subsistence: return "subsistence allowance"
        case .hardship: return "hardship"
        case .livingAlone: return "living alone"
        case .militaryFamily: return "military family"
        case .keyConcern: return "key concern"
        }
    }
}
