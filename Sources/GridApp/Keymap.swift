import TerminalUI

/// Every key the dashboard knows, as data: the help overlay and the action pane are generated
/// from it, so they always tell the truth.
public struct Keymap: Sendable {
    public let bindings: [KeyBinding]

    public func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    public func binding(for command: Command) -> KeyBinding? {
        bindings.first { $0.command == command }
    }

    /// What the action pane offers on `screen`.
    public func actions(on screen: ScreenID) -> [KeyBinding] {
        bindings.filter(\.isAction)
    }

    public static let standard = Keymap(bindings: [
        KeyBinding([.character("j"), .down], .moveDown, group: .move),
        KeyBinding([.character("k"), .up], .moveUp, group: .move),
        KeyBinding([.pageDown, .control("f")], .pageDown, group: .move),
        KeyBinding([.pageUp, .control("b")], .pageUp, group: .move),
        KeyBinding([.home, .character("g")], .first, group: .move),
        KeyBinding([.end, .character("G")], .last, group: .move),
        KeyBinding([.tab], .nextPane, group: .panes),
        KeyBinding([.backTab], .previousPane, group: .panes),
        KeyBinding([.character("h"), .left], .paneLeft, group: .panes),
        KeyBinding([.character("l"), .right], .paneRight, group: .panes),
        KeyBinding([.character("1")], .screen(.overview), group: .screens),
        KeyBinding([.character("2")], .screen(.grids), group: .screens),
        KeyBinding([.character("3")], .screen(.households), group: .screens),
        KeyBinding([.character("4")], .screen(.patrols), group: .screens),
        KeyBinding([.character("5")], .screen(.cases), group: .screens),
        KeyBinding([.enter], .open, group: .item, isAction: true),
        KeyBinding([.escape], .back, group: .item),
        KeyBinding([.character("/")], .filter, group: .tools, isAction: true),
        KeyBinding([.character(":")], .commandLine, group: .tools, isAction: true),
        KeyBinding([.character("?")], .help, group: .tools, isAction: true),
        KeyBinding([.character("q"), .control("c")], .quit, group: .tools),
    ])
}
