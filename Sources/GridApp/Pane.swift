/// The panes of a screen, in Tab order.
public enum Pane: Int, CaseIterable, Hashable, Sendable {
    case list
    case detail
    case actions
}
