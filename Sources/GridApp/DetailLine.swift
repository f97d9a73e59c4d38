import TerminalUI

/// A line of the detail pane, before wrapping to the pane's width.
public struct DetailLine: Hashable, Sendable {
    public let text: String
    public let role: StyleRole
    /// Continuation lines of a wrapped value start this many columns in.
    public let indent: Int
    /// The resident or finding this line describes, which the worker can pick in the detail pane.
    public let item: Int?

    public init(_ text: String, role: StyleRole = .normal, indent: Int = 0, item: Int? = nil) {
        self.text = text
        self.role = role
        self.indent = indent
        self.item = item
    }
}
