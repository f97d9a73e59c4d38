/// The "six matters" method (六事工作法), then closed. A case moves only along `nextStages`.
public enum CaseStage: String, CaseIterable, Codable, Hashable, Sendable {
    case raised       // 居民提事
    case heard        // 网格听事
    case deliberated  // 社区议事
    case decided      // 民主定事
    case handled      // 协同办事
    case evaluated    // 群众评事
    case closed

    /// Where a case may go from here. A small matter heard in the grid may be handled there at
    /// once, without community deliberation and a vote; everything else takes the steps in order.
    /// A closed case leaves this stage only by being reopened, which returns it to `heard`.
    public var nextStages: [CaseStage] {
        switch self {
        case .raised: return [.heard]
        case .heard: return [.deliberated, .handled]
        case .deliberated: return [.decided]
        case .decided: return [.handled]
        case .handled: return [.evaluated]
        case .evaluated: return [.closed]
        case .closed: return []
        }
    }

    public func canMove(to stage: CaseStage) -> Bool { nextStages.contains(stage) }

    public var isOpen: Bool { self != .closed }

    public func name(_ language: Language) -> String {
        switch self {
        case .raised: return language == .zh ? "居民提事" : "raised"
        case .heard: return language == .zh ? "网格听事" : "heard"
        case .deliberated: return language == .zh ? "社区议事" : "deliberated"
        case .decided: return language == .zh ? "民主定事" : "decided"
        case .handled: return language == .zh ? "协同办事" : "handled"
        case .evaluated: return language == .zh ? "群众评事" : "evaluated"
        case .closed: return language == .zh ? "已结案" : "closed"
        }
    }
}
