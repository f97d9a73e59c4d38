/// A key press, decoded from the terminal.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl with a letter, e.g. `.control("c")`.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab
    case enter, escape, backspace, delete
    case function(Int)
    /// The terminal changed size.
    case resize

    /// How help shows the key: `j`, `Enter`, `Shift-Tab`, `Ctrl-C`.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let character): return "Ctrl-" + String(character).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .function(let number): return "F\(number)"
        case .resize: return "resize"
        }
    }
}
