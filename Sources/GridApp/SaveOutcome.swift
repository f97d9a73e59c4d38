import GridStore

/// What `ChangeWriter.save` did: saved (`failure` nil), not saved (`stored` empty, `failure` says
/// why; nothing was written), or saved but not confirmed by the disk (`stored` holds every record,
/// `failure` is `.notConfirmed`: the change is on disk and must be shown as saved).
public struct SaveOutcome: Sendable {
    public let stored: [RecordChange]
    public let failure: StoreError?

    public init(stored: [RecordChange], failure: StoreError?) {
        self.stored = stored
        self.failure = failure
    }

    /// True when the change is on disk, confirmed or not.
    public var isSaved: Bool {
        guard let failure else { return true }
        if case .notConfirmed = failure { return true }
        return false
    }

    public var isConfirmed: Bool { failure == nil }
}
