import GridModel
import GridStore

/// What a save did: saved (`failure` nil), not saved (`stored` empty, `failure` says why;
/// nothing was written), saved but not confirmed by the disk (`stored` holds every record,
/// `failure` is `.notConfirmed`: the change is on disk and must be shown as saved), or not saved
/// because the resident's ID number is already on file (`duplicate`, to show them instead), or not
/// saved because a new resident without an ID number has namesakes on file (`namesakes`: the
/// worker is asked first).
public struct SaveOutcome: Sendable {
    public var stored: [RecordChange]
    public var failure: StoreError?
    /// The resident already on file with the ID number being saved (nothing was saved).
    public var duplicate: Resident?
    /// Residents on file with the new resident's name and birth date (nothing was saved).
    public var namesakes: [Namesake]

    public init(stored: [RecordChange], failure: StoreError? = nil, duplicate: Resident? = nil, namesakes: [Namesake] = []) {
        self.stored = stored
        self.failure = failure
        self.duplicate = duplicate
        self.namesakes = namesakes
    }

    /// True when the change is on disk, confirmed or not.
    public var isSaved: Bool {
        guard let failure else { return true }
        if case .notConfirmed = failure { return true }
        return false
    }

    public var isConfirmed: Bool { failure == nil }
}
