/// The five screens, reached with the digit keys 1–5.
public enum ScreenID: Int, CaseIterable, Hashable, Sendable {
    case overview = 1
    case grids
    case households
    case patrols
    case cases
}
