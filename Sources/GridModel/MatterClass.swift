/// The three-way split (三事分办): who is responsible for the matter.
public enum MatterClass: String, CaseIterable, Codable, Hashable, Sendable {
    case publicMatter
    case smallMatter
    case privateMatter

    public func name(_ language: Language) -> String {
        switch self {
        case .publicMatter: return language == .zh ? "大事（政府）" : "public matter"
        case .smallMatter: return language == .zh ? "小事（社区）" : "small matter"
        case .privateMatter: return language == .zh ? "私事（居民）" : "private matter"
        }
    }
}
