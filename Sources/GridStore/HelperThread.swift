import Dispatch
import Foundation
import Synchronization

/// A thread of the process's own for work done while the caller goes on: the journal's
/// fsync, and a save's work on its second core (the old revision encoded, the audit entry
/// signed, old file versions unlinked). Not libdispatch's pool: its monitor reads `/proc` through libc, the
/// very calls a fault-injection test may be failing, and its threads may all be busy reading
/// files when a save needs one.
public final class HelperThread: Sendable {
    static let shared = HelperThread(name: "gridwork-helper")
    /// The content hashes of a save's files, worked out while the journal is written and the
    /// shared helper waits for the disk: on the shared one they would wait behind its fsync.
    static let hashing = HelperThread(name: "gridwork-hashing")
    /// The search index's rows (keyed hashes, pinyin, words) of one grid part, made while the
    /// rows of the part before are written.
    public static let indexing = HelperThread(name: "gridwork-indexing")

    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let waiting = DispatchSemaphore(value: 0)

    private init(name: String) {
        let thread = Thread { [self] in
            while true {
                waiting.wait()
                let job = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                job?()
            }
        }
        thread.name = name
        thread.start()
    }

    /// Runs `work` on the helper thread and returns a way to wait for its result.
    public func start<Value: Sendable>(_ work: @escaping @Sendable () -> Value) -> Pending<Value> {
        let pending = Pending<Value>()
        jobs.withLock { $0.append { pending.finish(work()) } }
        waiting.signal()
        return pending
    }

    /// Waits for every job started so far (the thread takes them in turn).
    func drain() {
        start {}.wait()
    }

    /// A result the helper thread is working out.
    public final class Pending<Value: Sendable>: Sendable {
        private let result = Mutex<Value?>(nil)
        private let done = DispatchSemaphore(value: 0)

        fileprivate func finish(_ value: Value) {
            result.withLock { $0 = value }
            done.signal()
        }

        /// Waits for the result (once: the helper signals once).
        @discardableResult
        public func wait() -> Value? {
            done.wait()
            return result.withLock { $0 }
        }
    }
}
