/// Recorded gender; digit 17 of the ID number must agree with it.
public enum Gender: String, CaseIterable, Codable, Hashable, Sendable {
    case male
    case female

    public func name(_ language: Language) -> String {
        switch self {
        case .male: return language == .zh ? "男" : "male"
        case .female: return language == .zh ? "女" : "female"
        }
    }
}
