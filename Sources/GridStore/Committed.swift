import Foundation

/// What a `Store.transaction` body returned, once its change is on disk. `notConfirmed` is set
/// when the disk did not confirm the write (see `StoreError.notConfirmed`): the change is in
/// place and audited, but a power cut could still lose it.
public struct Committed<Value> {
    public let value: Value
    public let notConfirmed: StoreError?

    /// The value, or the error when the disk did not confirm it (for callers that treat both alike).
    public func confirmed() throws(StoreError) -> Value {
        if let notConfirmed { throw notConfirmed }
        return value
    }
}

extension Committed: Sendable where Value: Sendable {}
