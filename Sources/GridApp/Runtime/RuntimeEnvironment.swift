import Foundation
import GridStore

/// Everything the runtime reaches outside the state: the data folder, the effect queue, the
/// clock, where drafts are kept, and the terminal's theme. The terminal loop passes the real
/// ones; tests pass a fake store, a manual queue and a fixed clock.
public struct RuntimeEnvironment {
    public var store: any StoreClient
    public var queue: any EffectQueue
    public var now: () -> Date
    /// Where `session`'s worker keeps their drafts (sealed under the session's key).
    public var draftFolder: (Session) -> DraftFolder
    /// Changes the terminal's theme: the name of the theme now used, or why it could not be.
    public var applyTheme: (String) -> Result<String, ThemeError>

    public init(store: any StoreClient, queue: any EffectQueue, now: @escaping () -> Date,
                draftFolder: @escaping (Session) -> DraftFolder, applyTheme: @escaping (String) -> Result<String, ThemeError>) {
        self.store = store
        self.queue = queue
        self.now = now
        self.draftFolder = draftFolder
        self.applyTheme = applyTheme
    }
}
