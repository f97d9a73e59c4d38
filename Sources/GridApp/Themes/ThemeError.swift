import GridModel

/// Why a theme could not be used; the message names the file and the key.
public enum ThemeError: Error, Hashable, Sendable {
    case notFound(name: String, searched: [String])
    case badName(String)
    case invalid(path: String, key: String, reason: LocalizedText)

    public func message(in language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .notFound(let name, let searched):
            return zh ? "找不到主题 \(name)（查找了内置主题和 \(searched.joined(separator: "、"))），使用默认主题"
                      : "No theme named \(name) (looked in the built-in themes and \(searched.joined(separator: ", "))); using the default"
        case .badName(let name):
            return zh ? "主题名称“\(name)”无效：只能包含字母、数字、- 和 _" : "\"\(name)\" is not a theme name: use letters, digits, - and _"
        case .invalid(let path, let key, let reason):
            return zh ? "\(path)：\(key)：\(reason.zh)；使用默认主题" : "\(path): \(key): \(reason.en); using the default theme"
        }
    }
}
