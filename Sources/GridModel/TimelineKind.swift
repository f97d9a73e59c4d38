/// What a timeline entry records.
public enum TimelineKind: String, CaseIterable, Codable, Hashable, Sendable {
    case raised
    case advanced
    case escalated
    case assigned
    case deadlineSet
    case outcomeRecorded
    case satisfactionRecorded
    case reopened
    case note

    public func name(_ language: Language) -> String {
        switch self {
        case .raised: return language == .zh ? "提出" : "raised"
        case .advanced: return language == .zh ? "推进" : "advanced"
        case .escalated: return language == .zh ? "上报" : "escalated"
        case .assigned: return language == .zh ? "指派" : "assigned"
        case .deadlineSet: return language == .zh ? "设定期限" : "deadline set"
        case .outcomeRecorded: return language == .zh ? "记录结果" : "outcome recorded"
        case .satisfactionRecorded: return language == .zh ? "记录评价" : "satisfaction recorded"
        case .reopened: return language == .zh ? "重新打开" : "reopened"
        case .note: return language == .zh ? "备注" : "note"
        }
    }
}
