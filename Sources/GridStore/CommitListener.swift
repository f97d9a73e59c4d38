/// Told of each change the store commits, while the folder's lock is still held, so a copy
/// derived from the files (the search index) follows the change before any other copy of the
/// program can make the next one.
public protocol CommitListener: AnyObject {
    /// The change is about to be written.
    func willCommit(_ store: Store)
    /// The change is on disk (confirmed or not): `paths` are the data files it replaced,
    /// relative to the folder.
    func didCommit(_ store: Store, paths: [String])
}
