/// The two languages the interface and every rule message speak.
public enum Language: String, CaseIterable, Codable, Sendable {
    case zh
    case en

    /// Chinese when the locale variables name it (`zh_CN.UTF-8`, `zh_TW`, …), English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}

/// A text in both languages, chosen at the point of display.
public struct LocalizedText: Hashable, Sendable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String { language == .zh ? zh : en }
}
