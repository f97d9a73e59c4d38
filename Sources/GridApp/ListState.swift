/// Where a screen's list stands: the filter, the rows it lets through, the selection and scroll.
public struct ListState: Hashable, Sendable {
    public var filter = ""
    /// Indices into the screen's rows that pass the scope and the filter.
    public var visible: [Int] = []
    /// Index into `visible`.
    public var selection = 0
    /// The first visible row shown.
    public var offset = 0

    /// The selected row's index into the screen's rows.
    public var selectedRow: Int? { visible.indices.contains(selection) ? visible[selection] : nil }
}
