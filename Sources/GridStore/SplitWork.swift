import Dispatch

/// Work on consecutive parts of a range side by side, one part per core: for the few steps of
/// reading a big file that its records can share out (decoding them, opening their sealed values).
enum SplitWork {
    /// How many parts `count` items are worth: one per core, each of at least `minimum` items (a
    /// part must outweigh waking a thread), and one while other files wait to be read (a cold
    /// start's workers are busy with them: sharing out would only add threads).
    static func parts(for count: Int, atLeast minimum: Int = 128) -> Int {
        guard ParallelJobs.jobsWaiting == 0 else { return 1 }
        return max(1, min(ParallelJobs.threadCount, count / minimum))
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
