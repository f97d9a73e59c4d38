import TerminalUI

/// Every key the dashboard knows, as data: the help overlay and the action pane are generated
/// from it, so they always tell the truth.
public struct Keymap: Sendable {
    public let bindings: [KeyBinding]

    public func command(for key: Key, on screen: ScreenID) -> Command? {
        bindings.first { $0.keys.contains(key) && ($0.screens?.contains(screen) ?? true) }?.command
    }

    /// What the action pane can offer on `screen` (the state then drops steps the item does not allow).
    public func actions(on screen: ScreenID) -> [KeyBinding] {
        bindings.filter { $0.isAction && ($0.screens?.contains(screen) ?? true) }
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
        KeyBinding([.character("0")], .screen(.todo), group: .screens),
        KeyBinding([.character("1")], .screen(.overview), group: .screens),
        KeyBinding([.character("2")], .screen(.grids), group: .screens),
        KeyBinding([.character("3")], .screen(.households), group: .screens),
        KeyBinding([.character("4")], .screen(.patrols), group: .screens),
        KeyBinding([.character("5")], .screen(.cases), group: .screens),
        KeyBinding([.enter], .open, group: .item, isAction: true),
        KeyBinding([.character("a")], .caseAction(.advance), group: .item, isAction: true, screens: [.cases]),
        KeyBinding([.character("s")], .caseAction(.escalate), group: .item, isAction: true, screens: [.cases]),
        KeyBinding([.character("w")], .caseAction(.assign), group: .item, isAction: true, screens: [.cases]),
        KeyBinding([.character("d")], .caseAction(.deadline), group: .item, isAction: true, screens: [.cases]),
        KeyBinding([.character("o")], .caseAction(.outcome), group: .item, isAction: true, screens: [.cases]),
        KeyBinding([.character("v")], .caseAction(.rating), group: .item, isAction: true, screens: [.cases]),
        KeyBinding([.character("c")], .caseAction(.close), group: .item, isAction: true, isDestructive: true, screens: [.cases]),
        KeyBinding([.character("r")], .caseAction(.reopen), group: .item, isAction: true, screens: [.cases]),
        KeyBinding([.character("m")], .caseAction(.note), group: .item, isAction: true, screens: [.cases]),
        KeyBinding([.character("n")], .newRecord, group: .item, isAction: true, screens: [.grids, .households, .patrols, .cases]),
        KeyBinding([.character("e")], .edit, group: .item, isAction: true, screens: [.grids, .households, .patrols, .cases]),
        KeyBinding([.character("m")], .addMicroGrid, group: .item, isAction: true, screens: [.grids]),
        KeyBinding([.character("r")], .addResident, group: .item, isAction: true, screens: [.households]),
        KeyBinding([.character("p")], .logVisit, group: .item, isAction: true, screens: [.households, .todo]),
        KeyBinding([.character("f")], .addFinding, group: .item, isAction: true, screens: [.patrols]),
        KeyBinding([.character("c")], .openCase, group: .item, isAction: true, screens: [.households, .patrols]),
        KeyBinding([.character("u")], .undo, group: .item, isAction: true, screens: [.grids, .households, .patrols, .cases]),
        KeyBinding([.character("m")], .moveRecord, group: .item, isAction: true, screens: [.households]),
        KeyBinding([.character("x")], .reveal, group: .item, isAction: true, screens: [.households]),
        KeyBinding([.character("i")], .history, group: .item, isAction: true, screens: [.todo, .grids, .households, .patrols, .cases]),
        KeyBinding([.escape], .back, group: .item),
        KeyBinding([.character("/")], .filter, group: .tools, isAction: true),
        KeyBinding([.character(":")], .commandLine, group: .tools, isAction: true),
        KeyBinding([.character("?")], .help, group: .tools, isAction: true),
        KeyBinding([.character("L")], .lock, group: .tools, isAction: true),
        KeyBinding([.character("q"), .control("c")], .quit, group: .tools),
    ])
}
