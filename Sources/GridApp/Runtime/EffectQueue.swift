import Foundation

/// Where the runtime's slow work (the disk, scrypt) runs: off the input thread, one job at a
/// time and in order, each job's result coming back as an action the runtime dispatches.
public protocol EffectQueue: AnyObject {
    /// Runs `job` after the jobs before it. `writes` marks a job that changes the data folder:
    /// quitting waits for those, never for a read.
    func enqueue(writes: Bool, _ job: @escaping @Sendable () -> Action?)
    /// The actions of jobs finished since the last call, in the order the jobs ran.
    func takeFinished() -> [Action]
    /// A job is queued or running.
    var isBusy: Bool { get }
    /// Blocks until no job that writes is queued or running.
    func waitForWrites()
}

/// The live queue: one background thread (a serial dispatch queue) and a locked inbox the
/// terminal loop empties after each key or short wait.
public final class BackgroundEffectQueue: EffectQueue, @unchecked Sendable {
    private let queue = DispatchQueue(label: "gridwork.effects")
    private let writes = DispatchGroup()
    private let lock = NSLock()
    private var finished: [Action] = []
    private var pending = 0

    public init() {}

    public func enqueue(writes isWrite: Bool, _ job: @escaping @Sendable () -> Action?) {
        lock.withLock { pending += 1 }
        if isWrite { writes.enter() }
        queue.async { [self] in
            let action = job()
            lock.withLock {
                if let action { finished.append(action) }
                pending -= 1
            }
            if isWrite { writes.leave() }
        }
    }

    public func takeFinished() -> [Action] {
        lock.withLock {
            defer { finished = [] }
            return finished
        }
    }

    public var isBusy: Bool { lock.withLock { pending > 0 || !finished.isEmpty } }

    public func waitForWrites() { writes.wait() }
}

/// Runs each job when asked (`runNext`, `runAll`), on the caller's thread: for tests that look
/// at the state while work is still under way, and step through it.
public final class ManualEffectQueue: EffectQueue, @unchecked Sendable {
    private var jobs: [(writes: Bool, job: @Sendable () -> Action?)] = []
    private var finished: [Action] = []
    /// Run every job at once, as it is queued (a queue with no waiting).
    public var runsAtOnce: Bool

    public init(runsAtOnce: Bool = false) { self.runsAtOnce = runsAtOnce }

    public func enqueue(writes: Bool, _ job: @escaping @Sendable () -> Action?) {
        jobs.append((writes, job))
        if runsAtOnce { runAll() }
    }

    /// How many jobs wait.
    public var waiting: Int { jobs.count }

    @discardableResult
    public func runNext() -> Bool {
        guard !jobs.isEmpty else { return false }
        let next = jobs.removeFirst()
        if let action = next.job() { finished.append(action) }
        return true
    }

    public func runAll() { while runNext() {} }

    public func takeFinished() -> [Action] {
        defer { finished = [] }
        return finished
    }

    public var isBusy: Bool { !jobs.isEmpty || !finished.isEmpty }

    public func waitForWrites() { runAll() }
}
