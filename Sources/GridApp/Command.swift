/// What a key binding asks for.
public enum Command: Hashable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, first, last
    case nextPane, previousPane, paneLeft, paneRight
    case screen(ScreenID)
    case open, back
    case filter, commandLine, help, quit
    /// A workflow step on the selected case.
    case caseAction(CaseAction)
}
