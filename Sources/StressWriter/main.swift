#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GridIndex
import GridModel
import GridStore
import LedgerImport

// A separate process that writes to a data folder, for the tests of two processes on one
// folder, of a writer killed mid-save (`scripts/crash-soak.sh`) and of injected I/O faults.
// It is not part of the product.
//
// WHO is a worker id on a folder without accounts; on a secured folder (`gridwork demo`) it is
// a login, whose passphrase comes from `--passphrase P` or $GRIDWORK_PASSPHRASE, and the writes
// are made by that login's worker through its session.
//
//   StressWriter notes  DIR CASE-ID COUNT WHO   append COUNT notes to a case, retrying stale saves
//   StressWriter forever DIR GRID WHO           save edits until killed, printing "ack ..." after each
//   StressWriter limited DIR GRID WHO BYTES     save a long note with files capped at BYTES, as on a full disk
//   StressWriter mixed DIR WHO SEED             mixed writes until killed (household edits, new residents,
//                                               case notes, a patrol whose finding opens a case, a new worker
//                                               with an account), printing "ack ..." after each
//   StressWriter verify DIR WHO ACKS [--full]   checks the folder after a kill against the "ack" lines in
//                                               the file ACKS; prints one line of counts, exit 1 if one is wrong;
//                                               --full adds what `gridwork check` checks
//   StressWriter fault DIR WHO FAILPOINT N [household|worker]
//                                               (under `fiu-run -x`) saves one household edit, or adds a worker
//                                               with an account, with the Nth call to libfiu's FAILPOINT failing,
//                                               and says what the store reported
//   StressWriter import DIR WHO FILE PAUSE-AFTER  imports a ledger as `gridwork import` does, printing
//                                               "written N of M" after each file of the change; after file
//                                               PAUSE-AFTER it waits to be killed, half-way through the change
//   StressWriter move DIR WHO HOUSEHOLD GRID PAUSE-AFTER
//                                               moves a household (and its residents) to another grid, printing
//                                               "written N of M" after each file of the change, and waits to be
//                                               killed after file PAUSE-AFTER, as `import` does

var arguments = CommandLine.arguments
var passphraseArgument: String?
if let index = arguments.firstIndex(of: "--passphrase"), index + 1 < arguments.count {
    passphraseArgument = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
}

/// Unbuffered, so the parent sees each acknowledgement the moment the save has returned.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

func describe(_ error: any Error) -> String {
    if let error = error as? StoreError { return error.message(in: .en) }
    if let error = error as? AccountError { return error.message(in: .en) }
    return "\(error)"
}

/// Every write StressWriter makes goes through here, the only place that says who writes:
/// when the store writes as its session's worker (no `by:`), these lines are the whole change.
struct Writes {
    let store: Store
    let worker: RecordID

    func save<R: StoredRecord>(_ record: R, at instant: Date = Date()) throws(StoreError) -> R { try store.save(record, at: instant) }
    func saveNewCase(_ disputeCase: DisputeCase) throws(StoreError) -> DisputeCase { try store.saveNewCase(disputeCase) }
    func addWorker(_ added: Worker, login: String, passphrase: String) throws(AccountError) {
        try store.addWorker(added, login: login, passphrase: passphrase)
    }
    /// Saves `household` (with a new grid: a move), telling `written` after each file of the change.
    func move(_ household: Household, written: @escaping (Int, Int) -> Void) throws(StoreError) {
        _ = try store.transaction { (change: StoreTransaction) throws(StoreError) -> Household in
            change.onFileWritten = written
            return try change.save(household)
        }.confirmed()
    }
}

@MainActor func passphrase() -> String {
    guard let given = passphraseArgument ?? ProcessInfo.processInfo.environment["GRIDWORK_PASSPHRASE"] else {
        fail("a secured folder needs a passphrase: --passphrase P or GRIDWORK_PASSPHRASE")
    }
    return given
}

/// Opens the folder as WHO (see the top of this file).
@MainActor func open(_ folder: String, as who: String) -> Writes {
    do {
        guard Store.isSecured(folder) else { return Writes(store: try Store.open(folder, unsecuredActor: RecordID(who)), worker: RecordID(who)) }
        let session = try Store.logIn(folder: folder, login: who, passphrase: passphrase())
        return Writes(store: try Store.open(folder, session: session), worker: session.workerID)
    } catch {
        fail(describe(error))
    }
}

/// SplitMix64: a seeded sequence, so a run's mix of writes can be replayed.
struct Mix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `ack record KIND ID REVISION`: the save returned, so this revision must be on disk.
func acknowledge<R: StoredRecord>(_ record: R) {
    say("ack record \(R.kind.rawValue) \(record.id.rawValue) \(record.meta.revision)")
}

func newResident(in household: Household, by worker: RecordID, name: String) -> Resident {
    let birth = Day(year: 1980, month: 1, day: 1) ?? Day(dayNumber: 0)
    return Resident(meta: RecordMeta.new(by: worker, at: Date(), prefix: "P"), householdID: household.id, gridCode: household.gridCode,
                    name: name, gender: .female, birthDate: birth, idNumber: nil, phone: nil, relation: .other)
}

switch arguments.dropFirst().first {
case "notes" where arguments.count == 6:
    let writes = open(arguments[2], as: arguments[5])
    let caseID = RecordID(arguments[3])
    let worker = writes.worker
    var saved = 0
    var stale = 0
    while saved < Int(arguments[4]) ?? 0 {
        let cases = writes.store.allRecords(DisputeCase.self)
        guard var disputeCase = cases.first(where: { $0.id == caseID }) else { fail("case not found") }
        let at = max(Date(), disputeCase.timeline.last?.at ?? Date())
        do {
            try disputeCase.addNote("\(worker.rawValue) #\(saved)", by: worker, at: at)
            _ = try writes.save(disputeCase, at: at)
            saved += 1
        } catch let error as StoreError {
            guard case .staleRecord = error else { fail(error.message(in: .en)) }
            stale += 1
        } catch {
            fail("\(error)")
        }
    }
    say("done \(saved) stale \(stale)")

case "forever" where arguments.count == 5:
    let writes = open(arguments[2], as: arguments[4])
    let store = writes.store
    let grid = GridCode(arguments[3])
    // Rounds continue from what is on disk, so the count only ever rises across runs.
    let first = store.records(Household.self, inGrid: grid).first?.notes ?? ""
    var round = Int(first.dropFirst("round ".count)) ?? 0
    while true {
        round += 1
        do {
            guard var household = store.records(Household.self, inGrid: grid).first else { fail("no household") }
            household.notes = "round \(round)"
            _ = try writes.save(household)
            say("ack notes \(round)")
            if round % 5 == 0 {
                let resident = try writes.save(newResident(in: household, by: writes.worker, name: "新居民\(round)"))
                say("ack resident \(resident.id.rawValue)")
            }
        } catch {
            fail(error.message(in: .en))
        }
    }

case "limited" where arguments.count == 6:
    let writes = open(arguments[2], as: arguments[4])
    // From here on no file may grow past BYTES; a write beyond fails as it would on a full disk.
    signal(SIGXFSZ, SIG_IGN)
    let bytes = rlim_t(Int(arguments[5]) ?? 0)
    var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
    setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit)
    guard var household = writes.store.records(Household.self, inGrid: GridCode(arguments[3])).first else { fail("no household") }
    household.notes = String(repeating: "走访记录很长", count: 300)
    do {
        _ = try writes.save(household)
        say("saved")
    } catch {
        say("refused: " + error.message(in: .en))
    }

case "mixed" where arguments.count == 5:
    let writes = open(arguments[2], as: arguments[3])
    let store = writes.store
    var random = Mix(state: UInt64(arguments[4]) ?? 1)
    let grids = store.grids.map(\.code)
    guard !grids.isEmpty else { fail("no grids") }
    let zone = store.manifest.communityTimeZone
    // Indexed a little at a time, as the dashboard does between keys, so kills land in index writes too.
    let index = try? SearchIndex(folder: store.folder)
    say("ready")
    var step = 0
    while true {
        step += 1
        if step % 7 == 0 { _ = try? index?.refreshSome(from: store, parts: 1) }
        let grid = grids[Int(random.next() % UInt64(grids.count))]
        let households = store.records(Household.self, inGrid: grid)
        guard !households.isEmpty else { fail("no households in \(grid.rawValue)") }
        var household = households[Int(random.next() % UInt64(households.count))]
        let roll = random.next() % 100
        do {
            switch roll {
            case 0..<45:
                household.notes = "soak \(arguments[4])-\(step)"
                acknowledge(try writes.save(household))
            case 45..<65:
                acknowledge(try writes.save(newResident(in: household, by: writes.worker, name: "压测居民\(step)")))
            case 65..<80:
                // A note on a case of the grid; a case whose workflow takes no note is passed over.
                let cases = store.records(DisputeCase.self, inGrid: grid)
                guard !cases.isEmpty else { continue }
                var disputeCase = cases[Int(random.next() % UInt64(cases.count))]
                let at = max(Date(), disputeCase.timeline.last?.at ?? Date())
                guard (try? disputeCase.addNote("压测备注 \(step)", by: writes.worker, at: at)) != nil else { continue }
                acknowledge(try writes.save(disputeCase, at: at))
            case 80..<95:
                // As the dashboard does it: the patrol, the case its finding opens, then the finding
                // remembering the case (three saves, each acknowledged on its own).
                let now = Date()
                var patrol = PatrolLog(meta: RecordMeta.new(by: writes.worker, at: now, prefix: "P"), gridCode: grid, workerID: writes.worker,
                                       kind: .routine, start: now.addingTimeInterval(-1800), end: now, householdIDs: [household.id],
                                       findings: [Finding(kind: .dispute, text: "楼道堆物引发争执（压测）", householdID: household.id)])
                patrol = try writes.save(patrol)
                acknowledge(patrol)
                let opened = try writes.saveNewCase(DisputeCase(
                    meta: RecordMeta.new(by: writes.worker, at: now, prefix: "C"), number: "JF?", title: "楼道堆物纠纷（压测）",
                    category: .neighbours, parties: [Party(name: "甲方"), Party(name: "乙方")], gridCode: grid, source: .patrol,
                    matterClass: .smallMatter, raisedOn: Day(now, in: zone), patrolID: patrol.id))
                acknowledge(opened)
                patrol.findings[0].caseID = opened.id
                acknowledge(try writes.save(patrol))
            default:
                // As `gridwork user add --name`: the worker and the account are one change.
                let login = "soak" + String(random.next() % 0xFFFF_FFFF, radix: 16)
                let added = Worker(meta: RecordMeta(id: RecordID("W-" + login), createdBy: writes.worker, createdAt: Date()),
                                   name: "压测员\(step)", role: .gridWorker, gridCodes: [grid], phone: nil)
                try writes.addWorker(added, login: login, passphrase: "demo-worker")
                say("ack account \(login) \(added.id.rawValue)")
            }
        } catch {
            fail("step \(step): " + describe(error))
        }
    }

case "verify" where arguments.count == 5 || (arguments.count == 6 && arguments[5] == "--full"):
    let report = SoakCheck.run(folder: arguments[2], login: arguments[3], acks: arguments[4], passphrase: passphrase(), full: arguments.count == 6)
    say(report.line)
    for detail in report.details.prefix(20) { say("  " + detail) }
    exit(report.isClean ? 0 : 1)

case "fault" where arguments.count == 6 || arguments.count == 7:
    FaultRun.run(writes: open(arguments[2], as: arguments[3]), failpoint: arguments[4], nth: Int(arguments[5]) ?? 1,
                 target: arguments.count == 7 ? arguments[6] : "household")

case "import" where arguments.count == 6:
    let writes = open(arguments[2], as: arguments[3])
    let pauseAfter = Int(arguments[5]) ?? 0
    do {
        let options = ImportOptions()
        let importer = LedgerImporter(store: writes.store, options: options)
        let plan = try importer.plan(try LedgerImporter.read(arguments[4], options: options))
        guard plan.isClean else { fail("the ledger has \(plan.problems.count) problems") }
        try importer.apply(plan, fileName: arguments[4]) { progress in
            guard case .written(let done, let total) = progress else { return }
            say("written \(done) of \(total)")
            if done == pauseAfter { while true { sleep(60) } }
        }
        say("imported")
    } catch {
        fail(error.message(in: .en))
    }

case "move" where arguments.count == 7:
    let writes = open(arguments[2], as: arguments[3])
    let pauseAfter = Int(arguments[6]) ?? 0
    guard var household = writes.store.allRecords(Household.self).first(where: { $0.id == RecordID(arguments[4]) }) else { fail("no household") }
    household.gridCode = GridCode(arguments[5])
    do {
        try writes.move(household) { done, total in
            say("written \(done) of \(total)")
            if done == pauseAfter { while true { sleep(60) } }
        }
        say("moved")
    } catch {
        fail(error.message(in: .en))
    }

default:
    fail("usage: StressWriter [--passphrase P] notes DIR CASE-ID COUNT WHO | forever DIR GRID WHO | limited DIR GRID WHO BYTES"
         + " | mixed DIR WHO SEED | verify DIR WHO ACKS [--full] | fault DIR WHO FAILPOINT N [household|worker] | import DIR WHO FILE PAUSE-AFTER"
         + " | move DIR WHO HOUSEHOLD GRID PAUSE-AFTER")
}
