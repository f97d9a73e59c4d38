import Dispatch
import Foundation

/// Work on consecutive parts of a range side by side, one part per core: for the few steps of
/// reading a big file that its records can share out (decoding them, opening their sealed values).
///
/// Only where a caller asked for it (`sharingOut`): the readers of `ParallelJobs` ask, so a grid
/// opened in the dashboard is read on every core; a save, under the lock, stays on its own
/// thread and off libdispatch's pool (see `HelperThread`).
enum SplitWork {
    /// When the current thread may share a file's records out.
    enum Policy: String {
        /// While no other file waits to be read: a cold start's workers are busy with those,
        /// and sharing out would only add threads.
        case whenNoJobWaits
        /// Always (tests of the parts).
        case always
    }

    private static let policyKey = "gridwork.SplitWork.policy"

    /// Runs `body` with records shared out under `policy` on this thread.
    static func sharingOut<Result>(_ policy: Policy = .whenNoJobWaits, _ body: () throws -> Result) rethrows -> Result {
        let dictionary = Thread.current.threadDictionary
        let before = dictionary[policyKey]
        dictionary[policyKey] = policy.rawValue
        defer { dictionary[policyKey] = before }
        return try body()
    }

    /// How many parts `count` items are worth: one per core, each of at least `minimum` items (a
    /// part must outweigh waking a thread), and one where this thread was not asked to share out.
    static func parts(for count: Int, atLeast minimum: Int = 128) -> Int {
        switch (Thread.current.threadDictionary[policyKey] as? String).flatMap(Policy.init(rawValue:)) {
        case nil: return 1
        case .whenNoJobWaits? where ParallelJobs.jobsWaiting > 0: return 1
        case .whenNoJobWaits?, .always?: return max(1, min(ParallelJobs.threadCount, count / minimum))
        }
    }

    /// `work` of each of `parts` consecutive parts of `0..<count`, side by side; the results in
    /// the parts' order. `work` may run on several threads at once: it must only read what it
    /// shares with the others.
    static func map<Result>(count: Int, parts: Int, _ work: (Range<Int>) -> Result) -> [Result] {
        let parts = max(1, min(parts, count))
        if parts == 1 { return [work(0..<count)] }
        var results = [Result?](repeating: nil, count: parts)
        withoutActuallyEscaping(work) { work in
            results.withUnsafeMutableBufferPointer { buffer in
                let slots = buffer
                let part = Part { index in
                    slots[index] = work((count * index / parts)..<(count * (index + 1) / parts))
                }
                DispatchQueue.concurrentPerform(iterations: parts) { part.run($0) }
            }
        }
        return results.compactMap { $0 }
    }

    /// One part's work, handed to `concurrentPerform` unchecked: each part writes only its own
    /// slot of a buffer that outlives them all, and `concurrentPerform` returns when all are done.
    private struct Part: @unchecked Sendable {
        let run: (Int) -> Void
    }
}
