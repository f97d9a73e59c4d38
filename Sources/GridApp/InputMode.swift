/// What keys go to when nothing is presented: the panes, the filter line or the command line.
public enum InputMode: Hashable, Sendable {
    case normal
    case filter
    case command(String)
}
