#if canImport(Glibc)
import Glibc
import CProcessControl
#endif

/// Keeps decrypted personal data out of core dumps and away from other users' debuggers: a
/// crash would otherwise write every ID number the session opened to a core file, readable by
/// whoever finds it. As ssh-agent and gpg-agent do, at start: no core file (`RLIMIT_CORE` 0) and
/// not dumpable (`PR_SET_DUMPABLE` 0, which also refuses ptrace by other non-root users).
enum ProcessHardening {
    static func apply() {
        #if canImport(Glibc)
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
        _ = gw_set_not_dumpable()
        #endif
    }
}
