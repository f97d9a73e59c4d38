import GridIndex
import GridModel

/// `/` on the households or cases screen of a district: what is typed is looked up in the
/// search index of the whole folder, and the matches from every grid stand in the list pane
/// until Enter opens one in its grid (or Esc drops the search).
public struct FolderSearch: Hashable, Sendable {
    public var query = ""
    /// The matches of `query` that this screen shows (residents and households, or cases).
    public var hits: [SearchHit] = []
    public var selection = 0
    public var offset = 0
    /// The index is being asked for `query`; older answers are dropped when they come.
    public var isSearching = false

    /// The kinds of match a screen lists.
    static func kinds(on screen: ScreenID) -> Set<SearchHit.Kind> {
        screen == .cases ? [.disputeCase] : [.resident, .household]
    }

    /// Searches the folder rather than the rows read: a district, on screen 3 or 5.
    static func applies(_ state: AppState) -> Bool {
        state.data.isLarge && [.households, .cases].contains(state.screen)
    }
}
