/// What a piece of the screen is, not how it looks: a theme decides the colours for each role,
/// so views and their tests never deal in colours.
public enum StyleRole: String, CaseIterable, Codable, Hashable, Sendable {
    case normal
    case dim
    case title
    case border
    case borderFocused
    case header
    case selected
    case selectedInactive
    case tabActive
    case tabInactive
    case key
    case accent
    case warning
    case danger
    case statusBar
    case input
}
