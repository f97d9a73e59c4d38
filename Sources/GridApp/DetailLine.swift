import TerminalUI

/// A line of the detail pane, before wrapping to the pane's width.
public struct DetailLine: Hashable, Sendable {
    public let text: String
    public let role: StyleRole
    /// Continuation lines of a wrapped value start this many columns in.
    public let indent: Int

    public init(_ text: String, role: StyleRole = .normal, indent: Int = 0) {
        self.text = text
        self.role = role
        self.indent = indent
    }
}
