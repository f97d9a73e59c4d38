#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GridModel
import GridStore
import Synchronization

/// One change made with one libc call failing, for `FaultInjectionTests`: a household edit, or
/// (`worker`) a new worker with their account, which writes the list of workers, the account book
/// and the audit trail as one change. The tool runs under `fiu-run -x`, whose preloaded wrappers
/// check libfiu's failpoints (`posix/io/rw/write`, `posix/io/sync/fsync`, `posix/io/dir/rename`,
/// `posix/io/oc/open`, `posix/io/dir/unlink`) in every libc call. The failpoint is armed only
/// around the write, through libfiu's own API found with `dlsym` (so the build needs no libfiu):
/// login, reading and the report are never hit. An external callback counts the calls and fails
/// only the Nth, so a test can walk a fault through every step of a change, one run per step.
///
/// Prints `target household ID REVISION` or `target worker ID LOGIN`, then `calls C fired F`
/// (C calls while armed, F failed: 1 when the fault was injected), the outcome (`saved REVISION`,
/// `unconfirmed: MESSAGE` or `not saved: MESSAGE`), waits for a line on standard input, then
/// prints the outcome of a second, fault-free change in the same process (`then saved ...` or
/// `then not saved: MESSAGE`).
enum FaultRun {
    typealias Callback = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<Int32>?,
                                         UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UInt32>?) -> Int32
    typealias EnableExternal = @convention(c) (UnsafePointer<CChar>?, Int32, UnsafeMutableRawPointer?, UInt32, Callback?) -> Int32
    typealias Disable = @convention(c) (UnsafePointer<CChar>?) -> Int32

    // A C callback cannot capture: the count lives in globals, atomic because a save's helper
    // thread (the journal's fsync, the audit entry, unlinking old bytes) makes calls while the
    // main thread makes its own. Exactly one call, the Nth counted, fails.
    static let calls = Atomic<Int>(0)
    static let failAt = Atomic<Int>(0)
    static let fired = Atomic<Int>(0)

    static func run(writes: Writes, failpoint: String, nth: Int, target: String) -> Never {
        guard let enableSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fiu_enable_external"),
              let disableSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fiu_disable") else {
            fail("libfiu is not loaded: run this under `fiu-run -x` (scripts/test installs it)")
        }
        let enable = unsafeBitCast(enableSymbol, to: EnableExternal.self)
        let disable = unsafeBitCast(disableSymbol, to: Disable.self)
        let store = writes.store
        guard let grid = store.grids.first?.code else { fail("no grid") }

        // Reads what the change starts from (announcing it when asked) and returns the write itself.
        func prepare(_ label: String, announce: Bool) -> () throws -> String {
            switch target {
            case "worker":
                // A new worker with their account (`gridwork user add --name`): one change of three files.
                let login = label + String(UInt32.random(in: 0...UInt32.max), radix: 16)
                let added = Worker(meta: RecordMeta(id: RecordID("W-" + login), createdBy: writes.worker, createdAt: Date()),
                                   name: "故障测试员", role: .gridWorker, gridCodes: [grid], phone: nil)
                if announce { say("target worker \(added.id.rawValue) \(login)") }
                return {
                    try writes.addWorker(added, login: login, passphrase: "fault-passphrase")
                    return "saved 1"
                }
            default:
                guard var household = store.records(Household.self, inGrid: grid).first else { fail("no household") }
                if announce { say("target household \(household.id.rawValue) \(household.meta.revision)") }
                household.notes = label + " " + UUID().uuidString.prefix(8)
                return { "saved \(try writes.save(household).meta.revision)" }
            }
        }
        let change = prepare(target == "worker" ? "fault" : "fault \(failpoint) #\(nth)", announce: true)

        failAt.store(nth, ordering: .sequentiallyConsistent)
        // A full disk for writes, an I/O error for the rest: the wrappers set errno from failinfo.
        let code = failpoint.hasSuffix("/write") ? ENOSPC : EIO
        let callback: Callback = { _, _, _, _ in
            guard FaultRun.calls.add(1, ordering: .sequentiallyConsistent).newValue == FaultRun.failAt.load(ordering: .sequentiallyConsistent) else { return 0 }
            FaultRun.fired.add(1, ordering: .sequentiallyConsistent)
            return 1
        }
        // Armed after the announcement: the report itself must never be the call that fails.
        guard enable(failpoint, 1, UnsafeMutableRawPointer(bitPattern: Int(code)), 0, callback) == 0 else { fail("libfiu refused \(failpoint)") }
        let outcome: String
        // The helper thread's removal of old versions is part of the change: counted, and done before the report.
        do {
            outcome = try change()
            Store.finishBackgroundWork()
            _ = disable(failpoint)
        } catch {
            Store.finishBackgroundWork()
            _ = disable(failpoint)
            outcome = Self.report(error)
        }
        say("calls \(calls.load(ordering: .sequentiallyConsistent)) fired \(fired.load(ordering: .sequentiallyConsistent))")
        say(outcome)
        // The test looks at the disk now; a line on standard input (or its end) lets us go on.
        _ = readLine()

        // The program goes on: the same store makes the next change, from what is on disk now.
        do {
            say("then " + (try prepare("after", announce: false)()))
        } catch {
            say("then " + Self.report(error))
        }
        exit(0)
    }

    static func report(_ error: any Error) -> String {
        var inner: StoreError?
        if let error = error as? StoreError { inner = error }
        if let error = error as? AccountError, case .store(let failure) = error { inner = failure }
        if let inner, case .notConfirmed = inner { return "unconfirmed: " + inner.message(in: .en) }
        return "not saved: " + describe(error)
    }
}
