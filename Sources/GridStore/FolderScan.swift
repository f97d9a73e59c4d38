import Foundation
import Synchronization
import GridModel

/// How far reading the data files has got. Reported on the thread that opened the store, after
/// each grid folder's files are in: `filesDone` and `bytesDone` only grow, and the last report
/// has them equal to the totals.
public struct ReadProgress: Hashable, Sendable {
    public let filesDone: Int
    public let filesTotal: Int
    public let bytesDone: Int64
    public let bytesTotal: Int64

    public init(filesDone: Int, filesTotal: Int, bytesDone: Int64, bytesTotal: Int64) {
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
    }

    /// From 0 to 1, by bytes (a residents file takes far longer than a month of patrols).
    public var fraction: Double {
        if bytesTotal > 0 { return min(1, Double(bytesDone) / Double(bytesTotal)) }
        return filesTotal > 0 ? min(1, Double(filesDone) / Double(filesTotal)) : 1
    }
}

/// The data files of one grid folder to read, with all that reading them needs, so a worker
/// thread can read them without touching the store (`Store` is not thread-safe).
struct FolderJob: Sendable {
    struct File: Sendable {
        let kind: RecordKind
        let path: String
        /// The content hash whose rules already passed (see `ShardReader.read`).
        let checked: Int?
        let bytes: Int64
    }

    /// Households first, then residents, patrols and cases, each kind's paths sorted: the order
    /// `Store` summarizes and checks them in.
    var files: [File] = []
    /// The households file beside a residents file that is read when that households file is not
    /// itself among `files` (its summary came from the cache): the residents' summary needs its visits.
    var householdsForResidents: File?
    /// With rules, the references of each readable file are checked too (`gridwork check`).
    var references: ReferenceRules?
}

/// One file as a worker thread read it.
struct FileOutcome: Sendable {
    let file: FolderJob.File
    let result: Result<ScannedFile, ShardProblems>
}

struct ScannedFile: Sendable {
    let entry: SummaryCache.Entry
    let contentHash: Int
    let hasPlainPersonalData: Bool
    /// Only when the job checks references.
    var references: ReferenceFindings?
}

/// What a worker thread found in one grid folder, merged into the store on its own thread.
struct FolderOutcome: Sendable {
    var files: [FileOutcome] = []
    /// The households file read only for the residents' summary: its read is noted, not its summary.
    var householdsForResidents: FileOutcome?
}

/// Reads the files of a `FolderJob`: decodes each, checks its rules (once per content),
/// summarizes it, and keeps none of its records. Pure: safe on any thread.
struct FolderScanner: Sendable {
    let reader: ShardReader
    let timeZone: TimeZone
    let schedule: VisitSchedule

    func scan(_ job: FolderJob) -> FolderOutcome {
        var outcome = FolderOutcome()
        var rules = job.references
        // The households of this folder as last read here, for the residents' summary.
        var households: (records: [Household], stamp: FileStamp?)?

        func read<R: StoredRecord>(_ type: R.Type, _ file: FolderJob.File) -> Result<ShardReader.Loaded<R>, ShardProblems> {
            reader.read(R.self, file.path, rulesCheckedFor: file.checked)
        }
        func scanned<R: StoredRecord>(_ loaded: ShardReader.Loaded<R>, entry: SummaryCache.Entry) -> ScannedFile {
            ScannedFile(entry: entry, contentHash: loaded.contentHash, hasPlainPersonalData: loaded.hasPlainPersonalData,
                        references: rules.map { ReferenceFindings(loaded.records, rules: $0.rules(for: R.self)) })
        }
        func summarize<R: StoredRecord>(_ type: R.Type, _ file: FolderJob.File) -> FileOutcome {
            FileOutcome(file: file, result: read(R.self, file).map { loaded in
                scanned(loaded, entry: SummaryCache.Entry(stamp: loaded.stamp, householdsStamp: nil,
                                                          summary: R.summarize(loaded.records, timeZone: timeZone)))
            })
        }

        // Every households file before any residents file, and the patrols before the cases: the
        // reference rules of residents and patrols need the households' ids, those of cases the patrols'.
        for file in job.files where file.kind == .household {
            let result = read(Household.self, file)
            switch result {
            case .success(let loaded):
                households = (loaded.records, loaded.stamp)
                rules?.households.formUnion(loaded.records.map(\.id))
            case .failure:
                households = ([], nil)
                rules?.householdsReadable = false
            }
            outcome.files.append(FileOutcome(file: file, result: result.map { loaded in
                scanned(loaded, entry: SummaryCache.Entry(stamp: loaded.stamp, householdsStamp: nil,
                                                          summary: Household.summarize(loaded.records, timeZone: timeZone)))
            }))
        }
        for file in job.files where file.kind == .resident {
            if households == nil, let beside = job.householdsForResidents {
                let result = read(Household.self, beside)
                outcome.householdsForResidents = FileOutcome(file: beside, result: result.map { loaded in
                    ScannedFile(entry: SummaryCache.Entry(stamp: loaded.stamp, householdsStamp: nil, summary: DataSummary()),
                                contentHash: loaded.contentHash, hasPlainPersonalData: loaded.hasPlainPersonalData)
                })
                switch result {
                case .success(let loaded): households = (loaded.records, loaded.stamp)
                case .failure: households = ([], nil)
                }
            }
            let (visited, stamp) = households ?? ([], nil)
            outcome.files.append(FileOutcome(file: file, result: read(Resident.self, file).map { loaded in
                scanned(loaded, entry: SummaryCache.Entry(stamp: loaded.stamp, householdsStamp: stamp,
                                                          summary: DataSummary(residents: loaded.records, households: visited, schedule: schedule)))
            }))
        }
        households = nil
        for file in job.files where file.kind == .patrolLog {
            let result = read(PatrolLog.self, file)
            switch result {
            case .success(let loaded): rules?.patrols.formUnion(loaded.records.map(\.id))
            case .failure: rules?.patrolsReadable = false
            }
            outcome.files.append(FileOutcome(file: file, result: result.map { loaded in
                scanned(loaded, entry: SummaryCache.Entry(stamp: loaded.stamp, householdsStamp: nil,
                                                          summary: PatrolLog.summarize(loaded.records, timeZone: timeZone)))
            }))
        }
        for file in job.files where file.kind == .disputeCase { outcome.files.append(summarize(DisputeCase.self, file)) }
        return outcome
    }
}

/// Runs jobs on a few worker threads and hands each result to the calling thread in the jobs'
/// order, as soon as it and every one before it are done. Workers stay at most a few jobs ahead
/// of the caller, so results waiting to be merged never pile up.
enum ParallelJobs {
    static var threadCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Jobs of every `run` not yet handed to a worker: while there are some, a worker's cores are
    /// better spent on them than on sharing out one job's parts (`SplitWork`).
    static var jobsWaiting: Int { waiting.load(ordering: .relaxed) }
    private static let waiting = Atomic<Int>(0)

    static func run<Job: Sendable, Output: Sendable>(_ jobs: [Job], threads: Int = threadCount,
                                                     work: @escaping @Sendable (Job) -> Output,
                                                     merge: (Int, Output) -> Void) {
        if jobs.isEmpty { return }
        let threads = min(max(1, threads), jobs.count)
        if threads == 1 {
            for (index, job) in jobs.enumerated() { merge(index, work(job)) }
            return
        }
        let handoff = Handoff<Output>(jobCount: jobs.count, window: threads * 4)
        waiting.add(jobs.count, ordering: .relaxed)
        let group = DispatchGroup()
        for _ in 0..<threads {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                SplitWork.sharingOut {
                    while let index = handoff.nextJob() { handoff.deliver(work(jobs[index]), for: index) }
                }
            }
        }
        for index in jobs.indices { merge(index, handoff.take(index)) }
        group.wait()
    }

    /// The jobs handed out and the results handed back, under one lock.
    private final class Handoff<Output: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private let jobCount: Int
        private let window: Int
        private var next = 0
        private var taken = 0
        private var done: [Int: Output] = [:]

        init(jobCount: Int, window: Int) {
            self.jobCount = jobCount
            self.window = window
        }

        /// The next job to run, once the caller has taken enough results; nil when none is left.
        func nextJob() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while next < jobCount && next >= taken + window { condition.wait() }
            guard next < jobCount else { return nil }
            next += 1
            ParallelJobs.waiting.subtract(1, ordering: .relaxed)
            return next - 1
        }

        func deliver(_ output: Output, for index: Int) {
            condition.lock()
            done[index] = output
            condition.broadcast()
            condition.unlock()
        }

        func take(_ index: Int) -> Output {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let output = done.removeValue(forKey: index) {
                    taken = index + 1
                    condition.broadcast()
                    return output
                }
                condition.wait()
            }
        }
    }
}
