import TerminalUI

/// One entry of the keymap: the keys, what they do, and where help lists them.
public struct KeyBinding: Hashable, Sendable {
    public enum Group: CaseIterable, Hashable, Sendable {
        case move, panes, screens, item, tools
    }

    public let keys: [Key]
    public let command: Command
    public let group: Group
    /// Listed in the action pane, as something the selected item or screen allows.
    public let isAction: Bool
    /// Changes or loses something that cannot simply be taken back.
    public let isDestructive: Bool
    /// The screens where the binding applies; nil for everywhere.
    public let screens: Set<ScreenID>?

    public init(_ keys: [Key], _ command: Command, group: Group, isAction: Bool = false, isDestructive: Bool = false,
                screens: Set<ScreenID>? = nil) {
        self.keys = keys
        self.command = command
        self.group = group
        self.isAction = isAction
        self.isDestructive = isDestructive
        self.screens = screens
    }

    /// `j/↓`: how help and the action pane show the keys.
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}
