/// How far an import has got, for a progress line.
public enum ImportProgress: Sendable {
    /// The file was read: this many rows under the header.
    case read(rows: Int)
    /// The search index is being brought up to date (grids done, grids in all), to find the
    /// people already on file.
    case indexing(done: Int, total: Int)
    /// Rows checked so far, of all.
    case checked(done: Int, total: Int)
    /// Files of the change written so far, of all.
    case written(done: Int, total: Int)
}
