/// What to do with a row whose person is already on file (by ID number).
public enum DuplicatePolicy: String, CaseIterable, Sendable {
    /// Report it as a problem (the default): nothing is imported until it is resolved.
    case report
    /// Bring the record on file up to date with what the row gives.
    case update
    /// Leave the record on file as it is and pass over the row.
    case skip
}
