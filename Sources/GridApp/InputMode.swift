/// What keys go to: the panes, the filter line, the command line, or the help overlay.
public enum InputMode: Hashable, Sendable {
    case normal
    case filter
    case command(String)
    case help
}
