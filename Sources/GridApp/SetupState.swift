import Foundation
import GridModel
import GridStore
import TerminalUI

/// The first screen of an empty data folder: try the demo, or set up a new community.
public struct SetupState: Sendable {
    public enum Step: Hashable, Sendable {
        case choose
        case newCommunity
    }

    public enum Field: Int, CaseIterable, Sendable {
        case code, name, adminLogin, adminPassphrase, communityPassphrase

        var isSecret: Bool { self == .adminPassphrase || self == .communityPassphrase }
    }

    public var step = Step.choose
    public var field = Field.code
    public var code = ""
    public var name = ""
    public var adminLogin = "admin"
    public var adminPassphrase = ""
    public var communityPassphrase = ""
    public var error: String?
    public let folder: String
    public var language: Language
    public var width: Int
    public var height: Int

    public init(folder: String, language: Language, width: Int, height: Int) {
        self.folder = folder
        self.language = language
        self.width = width
        self.height = height
    }

    public var strings: SetupStrings { SetupStrings.forLanguage(language) }

    func text(of field: Field) -> String {
        switch field {
        case .code: return code
        case .name: return name
        case .adminLogin: return adminLogin
        case .adminPassphrase: return adminPassphrase
        case .communityPassphrase: return communityPassphrase
        }
    }
}

/// What the setup screen asks the program to do.
public enum SetupEffect: Hashable, Sendable {
    case openDemo
    case create(code: String, name: String, adminLogin: String, adminPassphrase: String, communityPassphrase: String)
    case quit
}

public enum SetupReducer {
    public static func reduce(_ state: inout SetupState, _ key: Key) -> SetupEffect? {
        state.error = nil
        switch state.step {
        case .choose:
            switch key {
            case .character("d"): return .openDemo
            case .character("n"):
                state.step = .newCommunity
            case .character("q"), .control("c"): return .quit
            default: break
            }
        case .newCommunity:
            switch key {
            case .escape: state.step = .choose
            case .control("c"): return .quit
            case .tab, .down:
                state.field = SetupState.Field(rawValue: (state.field.rawValue + 1) % SetupState.Field.allCases.count) ?? .code
            case .backTab, .up:
                state.field = SetupState.Field(rawValue: (state.field.rawValue + SetupState.Field.allCases.count - 1) % SetupState.Field.allCases.count) ?? .code
            case .backspace: edit(&state) { if !$0.isEmpty { $0.removeLast() } }
            case .character(let character): edit(&state) { $0.append(character) }
            case .enter:
                let code = state.code.trimmingCharacters(in: .whitespaces)
                let name = state.name.trimmingCharacters(in: .whitespaces)
                guard Manifest.isCommunityCode(code) else {
                    state.error = state.strings.badCode
                    state.field = .code
                    return nil
                }
                guard !name.isEmpty else {
                    state.error = state.strings.nameRequired
                    state.field = .name
                    return nil
                }
                let login = state.adminLogin.trimmingCharacters(in: .whitespaces)
                guard Account.isValidLogin(login) else {
                    state.error = state.strings.badLogin
                    state.field = .adminLogin
                    return nil
                }
                for field in [SetupState.Field.adminPassphrase, .communityPassphrase] where state.text(of: field).count < Account.minimumPassphraseLength {
                    state.error = state.strings.shortPassphrase
                    state.field = field
                    return nil
                }
                return .create(code: code, name: name, adminLogin: login, adminPassphrase: state.adminPassphrase,
                               communityPassphrase: state.communityPassphrase)
            default: break
            }
        }
        return nil
    }

    private static func edit(_ state: inout SetupState, _ change: (inout String) -> Void) {
        switch state.field {
        case .code: change(&state.code)
        case .name: change(&state.name)
        case .adminLogin: change(&state.adminLogin)
        case .adminPassphrase: change(&state.adminPassphrase)
        case .communityPassphrase: change(&state.communityPassphrase)
        }
    }
}

/// The setup screen, drawn from its state.
public enum SetupView {
    public static func render(_ state: SetupState, glyphs: Glyphs) -> Buffer {
        var buffer = Buffer(width: state.width, height: state.height, glyphs: glyphs)
        let strings = state.strings
        var lines: [DetailLine] = [DetailLine("gridwork", role: .title), DetailLine(strings.empty(state.folder)), DetailLine("")]
        switch state.step {
        case .choose:
            lines += [DetailLine("  d  " + strings.demo, role: .key), DetailLine("  n  " + strings.newCommunity, role: .key),
                      DetailLine("  q  " + strings.quit, role: .key)]
        case .newCommunity:
            lines.append(DetailLine(strings.newCommunity, role: .header))
            for field in SetupState.Field.allCases {
                let text = state.text(of: field)
                // Passphrases show as stars, one per character.
                let shown = field.isSecret ? String(repeating: "*", count: text.count) : text
                lines.append(DetailLine(strings.label(field) + "  " + shown + (state.field == field ? glyphs.cursor : ""),
                                        role: state.field == field ? .input : .normal))
                if field == .code { lines.append(DetailLine("    " + strings.codeHint, role: .dim)) }
                if field == .communityPassphrase { lines.append(DetailLine("    " + strings.communityHint, role: .dim)) }
            }
            lines.append(DetailLine(""))
            lines.append(DetailLine(strings.formKeys, role: .dim))
        }
        if let error = state.error { lines += [DetailLine(""), DetailLine(error, role: .danger)] }
        let rect = Rect(x: 2, y: 1, width: max(0, state.width - 4), height: max(0, state.height - 2))
        DetailView.draw(into: &buffer, rect, lines: lines, offset: 0, selectedItem: nil, empty: "")
        return buffer
    }
}

/// The setup screen's sentences, one table per language.
public struct SetupStrings: Sendable {
    let empty: @Sendable (String) -> String
    let demo: String
    let newCommunity: String
    let quit: String
    let codeLabel: String
    let codeHint: String
    let nameLabel: String
    let formKeys: String
    let badCode: String
    let nameRequired: String
    let adminLoginLabel: String
    let adminPassphraseLabel: String
    let communityPassphraseLabel: String
    let communityHint: String
    let badLogin: String
    let shortPassphrase: String

    func label(_ field: SetupState.Field) -> String {
        switch field {
        case .code: return codeLabel
        case .name: return nameLabel
        case .adminLogin: return adminLoginLabel
        case .adminPassphrase: return adminPassphraseLabel
        case .communityPassphrase: return communityPassphraseLabel
        }
    }

    public static func forLanguage(_ language: Language) -> SetupStrings { language == .zh ? zh : en }

    static let zh = SetupStrings(
        empty: { "数据目录 \($0) 中还没有数据。" },
        demo: "试用演示社区（数据另存，不与正式数据混在一起）",
        newCommunity: "建立新社区",
        quit: "退出",
        codeLabel: "社区代码",
        codeHint: "12 位：区 6 位 + 街道 3 位 + 社区 3 位（社区从 001 起，村从 200 起），例如 420303001005",
        nameLabel: "社区名称",
        formKeys: "Tab 切换  Enter 建立  Esc 返回",
        badCode: "社区代码应为 12 位数字，且最后 3 位不能是 000",
        nameRequired: "请填写社区名称",
        adminLoginLabel: "管理员账号",
        adminPassphraseLabel: "管理员口令",
        communityPassphraseLabel: "社区口令",
        communityHint: "用于加密身份证号和手机号，请另行妥善保管；至少 8 个字符",
        badLogin: "账号用 2 到 32 个小写字母、数字、点、横线或下划线",
        shortPassphrase: "口令至少 8 个字符"
    )

    static let en = SetupStrings(
        empty: { "There is no data in \($0) yet." },
        demo: "try the demo community (kept apart from real data)",
        newCommunity: "set up a new community",
        quit: "quit",
        codeLabel: "Community code",
        codeHint: "12 digits: district 6 + street 3 + community 3 (communities from 001, villages from 200), e.g. 420303001005",
        nameLabel: "Community name",
        formKeys: "Tab next field  Enter create  Esc back",
        badCode: "The community code has 12 digits and does not end in 000",
        nameRequired: "Enter the community's name",
        adminLoginLabel: "Admin login",
        adminPassphraseLabel: "Admin passphrase",
        communityPassphraseLabel: "Community passphrase",
        communityHint: "encrypts ID and phone numbers; keep it somewhere safe; 8 characters or more",
        badLogin: "A login has 2 to 32 lower-case letters, digits, dots, dashes or underscores",
        shortPassphrase: "A passphrase has 8 characters or more"
    )
}
