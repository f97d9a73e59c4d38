/// The screens, reached with the digit keys: 0 the to-do list (a grid worker's first screen), 1–5 the others.
public enum ScreenID: Int, CaseIterable, Hashable, Sendable {
    case todo = 0
    case overview = 1
    case grids
    case households
    case patrols
    case cases
}
