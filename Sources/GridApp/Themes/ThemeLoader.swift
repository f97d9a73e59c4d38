import BuiltInThemes
import Foundation
import GridModel
import GridStore
import TerminalUI

/// Finds themes: the user's own in `$XDG_CONFIG_HOME/gridwork/themes` (else
/// `~/.config/gridwork/themes`) first, then the built-in ones. A theme is a JSON file:
///
///     { "name": "…", "borders": "unicode" | "ascii",
///       "styles": { "<role>": { "fg": "<colour>", "bg": "<colour>", "bold": true, … } } }
///
/// Roles left out look plain. Colours: default, black, red, green, yellow, blue, magenta, cyan, white.
public struct ThemeLoader: Sendable {
    public let userFolder: String

    public init(environment: [String: String]) {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        userFolder = config + "/gridwork/themes"
    }

    public func load(_ name: String) -> Result<Theme, ThemeError> {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return .failure(.badName(name))
        }
        let ownPath = userFolder + "/" + name + ".json"
        if let data = FileManager.default.contents(atPath: ownPath) { return Result { () throws(ThemeError) in try Self.parse(data, path: ownPath, name: name) } }
        if let data = BuiltInThemes.data(named: name) {
            return Result { () throws(ThemeError) in try Self.parse(data, path: "themes/" + name + ".json", name: name) }
        }
        return .failure(.notFound(name: name, searched: [userFolder]))
    }

    /// Used only if even the built-in default cannot be read: reverse video marks what matters.
    public static let fallback = Theme(name: "default", glyphs: .unicode, styles: [
        .selected: TextStyle(reverse: true), .tabActive: TextStyle(bold: true, reverse: true),
        .statusBar: TextStyle(reverse: true), .input: TextStyle(bold: true, reverse: true),
    ])

    static func parse(_ data: Data, path: String, name: String) throws(ThemeError) -> Theme {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            let place = JSONLocator(data: data).firstSyntaxError()
            throw .invalid(path: path + (place.map { ":\($0.position.line):\($0.position.column)" } ?? ""), key: "-",
                           reason: LocalizedText(zh: "JSON 格式错误：" + (place?.message ?? ""), en: "invalid JSON: " + (place?.message ?? "")))
        }
        guard let object = root as? [String: Any] else {
            throw .invalid(path: path, key: "-", reason: LocalizedText(zh: "应为一个 JSON 对象", en: "must be a JSON object"))
        }
        for key in object.keys where !["name", "borders", "styles"].contains(key) {
            throw .invalid(path: path, key: key, reason: LocalizedText(zh: "未知的键", en: "unknown key"))
        }
        var glyphs = Glyphs.unicode
        if let borders = object["borders"] {
            switch borders as? String {
            case "unicode": glyphs = .unicode
            case "ascii": glyphs = .ascii
            default: throw .invalid(path: path, key: "borders", reason: LocalizedText(zh: "应为 \"unicode\" 或 \"ascii\"", en: "must be \"unicode\" or \"ascii\""))
            }
        }
        var styles: [StyleRole: TextStyle] = [:]
        if let raw = object["styles"] {
            guard let table = raw as? [String: Any] else {
                throw .invalid(path: path, key: "styles", reason: LocalizedText(zh: "应为对象", en: "must be an object"))
            }
            for (key, value) in table {
                guard let role = StyleRole(rawValue: key) else {
                    let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalid(path: path, key: "styles." + key, reason: LocalizedText(zh: "未知的角色，可用：" + known, en: "unknown role; known roles: " + known))
                }
                styles[role] = try style(value, key: "styles." + key, path: path)
            }
        }
        return Theme(name: (object["name"] as? String) ?? name, glyphs: glyphs, styles: styles)
    }

    private static func style(_ value: Any, key: String, path: String) throws(ThemeError) -> TextStyle {
        guard let fields = value as? [String: Any] else {
            throw .invalid(path: path, key: key, reason: LocalizedText(zh: "应为对象", en: "must be an object"))
        }
        var style = TextStyle()
        for (field, raw) in fields {
            let fieldKey = key + "." + field
            switch field {
            case "fg", "bg":
                guard let text = raw as? String, let color = TerminalColor(rawValue: text) else {
                    let known = TerminalColor.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalid(path: path, key: fieldKey, reason: LocalizedText(zh: "未知的颜色，可用：" + known, en: "unknown colour; known colours: " + known))
                }
                if field == "fg" { style.foreground = color } else { style.background = color }
            case "bold", "underline", "reverse", "dim":
                guard let flag = raw as? Bool else {
                    throw .invalid(path: path, key: fieldKey, reason: LocalizedText(zh: "应为 true 或 false", en: "must be true or false"))
                }
                switch field {
                case "bold": style.bold = flag
                case "underline": style.underline = flag
                case "reverse": style.reverse = flag
                default: style.dim = flag
                }
            default:
                throw .invalid(path: path, key: fieldKey, reason: LocalizedText(zh: "未知的属性（可用 fg、bg、bold、underline、reverse、dim）",
                                                                           en: "unknown attribute (use fg, bg, bold, underline, reverse, dim)"))
            }
        }
        return style
    }
}
