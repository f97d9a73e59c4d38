import Dispatch
import Synchronization

/// A value worked out on another thread while this one goes on: a written file's SHA-256 while
/// the journal waits for the disk. Asking for `value` waits for it.
final class BackgroundValue<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)
    private let work: @Sendable () -> Value

    init(_ work: @escaping @Sendable () -> Value) {
        self.work = work
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
    }

    var value: Value {
        done.wait()
        // Signalled again, so asking twice does not wait forever.
        done.signal()
        // Always set before the signal; worked out here only if that ever failed to hold.
        return result.withLock { $0 } ?? work()
    }
}
