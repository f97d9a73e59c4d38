#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GridModel
import GridStore

/// One household edit saved with one libc call failing, for `FaultInjectionTests`. The tool runs
/// under `fiu-run -x`, whose preloaded wrappers check libfiu's failpoints (`posix/io/rw/write`,
/// `posix/io/sync/fsync`, `posix/io/dir/rename`, `posix/io/oc/open`, `posix/io/dir/unlink`) in
/// every libc call. The failpoint is armed only around the save, through libfiu's own API found
/// with `dlsym` (so the build needs no libfiu): login, reading and the report are never hit.
/// An external callback counts the calls and fails only the Nth, so a test can walk a fault
/// through every step of a save, one run per step.
///
/// Prints `record household ID REVISION`, `calls C fired F` (C calls while armed, F failed:
/// 1 when the fault was injected), the outcome (`saved REVISION`, `unconfirmed: MESSAGE` or
/// `not saved: MESSAGE`), waits for a line on standard input, then prints the outcome of a second,
/// fault-free edit in the same process (`then saved REVISION` or `then not saved: MESSAGE`).
enum FaultRun {
    typealias Callback = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<Int32>?,
                                         UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UInt32>?) -> Int32
    typealias EnableExternal = @convention(c) (UnsafePointer<CChar>?, Int32, UnsafeMutableRawPointer?, UInt32, Callback?) -> Int32
    typealias Disable = @convention(c) (UnsafePointer<CChar>?) -> Int32

    // A C callback cannot capture: the count lives in globals. Only the main thread runs while
    // the failpoint is armed (the save), so nothing touches them concurrently.
    nonisolated(unsafe) static var calls = 0
    nonisolated(unsafe) static var failAt = 0
    nonisolated(unsafe) static var fired = 0

    static func run(folder: String, writes: Writes, failpoint: String, nth: Int) -> Never {
        guard let enableSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fiu_enable_external"),
              let disableSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fiu_disable") else {
            fail("libfiu is not loaded: run this under `fiu-run -x` (scripts/test installs it)")
        }
        let enable = unsafeBitCast(enableSymbol, to: EnableExternal.self)
        let disable = unsafeBitCast(disableSymbol, to: Disable.self)
        let store = writes.store
        guard let grid = store.grids.first?.code, var household = store.records(Household.self, inGrid: grid).first else { fail("no household") }
        say("record household \(household.id.rawValue) \(household.meta.revision)")
        household.notes = "fault \(failpoint) #\(nth) " + UUID().uuidString.prefix(8)

        failAt = nth
        // A full disk for writes, an I/O error for the rest: the wrappers set errno from failinfo.
        let code = failpoint.hasSuffix("/write") ? ENOSPC : EIO
        let callback: Callback = { _, _, _, _ in
            FaultRun.calls += 1
            guard FaultRun.calls == FaultRun.failAt else { return 0 }
            FaultRun.fired += 1
            return 1
        }
        guard enable(failpoint, 1, UnsafeMutableRawPointer(bitPattern: Int(code)), 0, callback) == 0 else { fail("libfiu refused \(failpoint)") }
        let outcome: String
        do {
            let saved = try writes.save(household)
            _ = disable(failpoint)
            outcome = "saved \(saved.meta.revision)"
        } catch {
            _ = disable(failpoint)
            if case .notConfirmed = error { outcome = "unconfirmed: " + error.message(in: .en) } else { outcome = "not saved: " + error.message(in: .en) }
        }
        say("calls \(calls) fired \(fired)")
        say(outcome)
        // The test looks at the disk now; a line on standard input (or its end) lets us go on.
        _ = readLine()

        // The program goes on: the same store saves the next edit, from what is on disk now.
        guard var again = store.records(Household.self, inGrid: grid).first(where: { $0.id == household.id }) else { fail("household gone") }
        again.notes = "after fault " + UUID().uuidString.prefix(8)
        do {
            say("then saved \(try writes.save(again).meta.revision)")
        } catch {
            say("then not saved: " + error.message(in: .en))
        }
        exit(0)
    }
}
