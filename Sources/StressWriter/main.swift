#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GridModel
import GridStore

// A separate process that writes to a data folder in a loop, for the tests of two processes
// on one folder and of a writer killed mid-save. It is not part of the product.
//
//   StressWriter notes  DIR CASE-ID COUNT WORKER   append COUNT notes to a case, retrying stale saves
//   StressWriter forever DIR GRID WORKER           save edits until killed, printing "ack ..." after each
//   StressWriter limited DIR GRID WORKER BYTES     save a long note with files capped at BYTES, as on a full disk

let arguments = CommandLine.arguments

/// Unbuffered, so the parent sees each acknowledgement the moment the save has returned.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

func open(_ folder: String, as worker: String) -> Store {
    do { return try Store.open(folder, unsecuredActor: RecordID(worker)) } catch { fail(error.message(in: .en)) }
}

switch arguments.dropFirst().first {
case "notes" where arguments.count == 6:
    let store = open(arguments[2], as: arguments[5])
    let caseID = RecordID(arguments[3])
    let worker = RecordID(arguments[5])
    var saved = 0
    var stale = 0
    while saved < Int(arguments[4]) ?? 0 {
        let cases = store.allRecords(DisputeCase.self)
        guard var disputeCase = cases.first(where: { $0.id == caseID }) else { fail("case not found") }
        let at = max(Date(), disputeCase.timeline.last?.at ?? Date())
        do {
            try disputeCase.addNote("\(worker.rawValue) #\(saved)", by: worker, at: at)
            _ = try store.save(disputeCase, at: at)
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
    let store = open(arguments[2], as: arguments[4])
    let grid = GridCode(arguments[3])
    let worker = RecordID(arguments[4])
    // Rounds continue from what is on disk, so the count only ever rises across runs.
    let first = store.records(Household.self, inGrid: grid).first?.notes ?? ""
    var round = Int(first.dropFirst("round ".count)) ?? 0
    while true {
        round += 1
        do {
            guard var household = store.records(Household.self, inGrid: grid).first else { fail("no household") }
            household.notes = "round \(round)"
            _ = try store.save(household)
            say("ack notes \(round)")
            if round % 5 == 0 {
                let birth = Day(year: 1980, month: 1, day: 1) ?? Day(dayNumber: 0)
                var resident = Resident(meta: RecordMeta.new(by: worker, at: Date(), prefix: "P"), householdID: household.id,
                                        gridCode: grid, name: "新居民\(round)", gender: .female, birthDate: birth,
                                        idNumber: nil, phone: nil, relation: .other)
                resident = try store.save(resident)
                say("ack resident \(resident.id.rawValue)")
            }
        } catch {
            fail(error.message(in: .en))
        }
    }

case "limited" where arguments.count == 6:
    let store = open(arguments[2], as: arguments[4])
    // From here on no file may grow past BYTES; a write beyond fails as it would on a full disk.
    signal(SIGXFSZ, SIG_IGN)
    let bytes = rlim_t(Int(arguments[5]) ?? 0)
    var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
    setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit)
    guard var household = store.records(Household.self, inGrid: GridCode(arguments[3])).first else { fail("no household") }
    household.notes = String(repeating: "走访记录很长", count: 300)
    do {
        _ = try store.save(household)
        say("saved")
    } catch {
        say("refused: " + error.message(in: .en))
    }

default:
    fail("usage: StressWriter notes DIR CASE-ID COUNT WORKER | forever DIR GRID WORKER | limited DIR GRID WORKER BYTES")
}
