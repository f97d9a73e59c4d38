import Foundation
import GridModel
import TerminalUI

/// The first screen of an empty data folder: try the demo, or set up a new community.
public struct SetupState: Sendable {
    public enum Step: Hashable, Sendable {
        case choose
        case newCommunity
    }

    public enum Field: Int, CaseIterable, Sendable {
        case code, name
    }

    public var step = Step.choose
    public var field = Field.code
    public var code = ""
    public var name = ""
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
}

/// What the setup screen asks the program to do.
public enum SetupEffect: Hashable, Sendable {
    case openDemo
    case create(code: String, name: String)
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
            case .tab, .backTab, .down, .up: state.field = state.field == .code ? .name : .code
            case .backspace: edit(&state) { if !$0.isEmpty { $0.removeLast() } }
            case .character(let character): edit(&state) { $0.append(character) }
            case .enter:
                let code = state.code.trimmingCharacters(in: .whitespaces)
                let name = state.name.trimmingCharacters(in: .whitespaces)
                guard code.count == 12, code.allSatisfy({ $0.isASCII && $0.isNumber }), !code.hasSuffix("000") else {
                    state.error = state.strings.badCode
                    state.field = .code
                    return nil
                }
                guard !name.isEmpty else {
                    state.error = state.strings.nameRequired
                    state.field = .name
                    return nil
                }
                return .create(code: code, name: name)
            default: break
            }
        }
        return nil
    }

    private static func edit(_ state: inout SetupState, _ change: (inout String) -> Void) {
        if state.field == .code { change(&state.code) } else { change(&state.name) }
    }
}

/// The setup screen, drawn from its state.
public enum SetupView {
    public static func render(_ state: SetupState, glyphs: Glyphs) -> Buffer {
        var buffer = Buffer(width: state.width, height: state.height)
        let strings = state.strings
        var lines: [DetailLine] = [DetailLine("gridwork", role: .title), DetailLine(strings.empty(state.folder)), DetailLine("")]
        switch state.step {
        case .choose:
            lines += [DetailLine("  d  " + strings.demo, role: .key), DetailLine("  n  " + strings.newCommunity, role: .key),
                      DetailLine("  q  " + strings.quit, role: .key)]
        case .newCommunity:
            lines.append(DetailLine(strings.newCommunity, role: .header))
            let cursor = "▏"
            lines.append(DetailLine(strings.codeLabel + "  " + state.code + (state.field == .code ? cursor : ""), role: state.field == .code ? .input : .normal))
            lines.append(DetailLine("    " + strings.codeHint, role: .dim))
            lines.append(DetailLine(strings.nameLabel + "  " + state.name + (state.field == .name ? cursor : ""), role: state.field == .name ? .input : .normal))
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
        nameRequired: "请填写社区名称"
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
        nameRequired: "Enter the community's name"
    )
}
