#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A system call libfiu cannot see, made visible to it. The fault-injection tests run a writer
/// under `fiu-run -x`, whose preloaded wrappers fail chosen libc calls; a call made in a way the
/// wrappers do not intercept (renameat2, through `gw_exchange_paths`) asks libfiu here, under the
/// failpoint name of its libc counterpart, so the same walk covers it. Outside `fiu-run`
/// libfiu is not loaded and this is never true.
enum FaultPoint {
    private typealias Fail = @convention(c) (UnsafePointer<CChar>?) -> Int32
    private typealias FailInfo = @convention(c) () -> UnsafeMutableRawPointer?

    /// libfiu's `fiu_fail` and `fiu_failinfo`, when the process runs under `fiu-run`.
    private static let libfiu: (fail: Fail, info: FailInfo)? = {
        guard let fail = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fiu_fail"),
              let info = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "fiu_failinfo") else { return nil }
        return (unsafeBitCast(fail, to: Fail.self), unsafeBitCast(info, to: FailInfo.self))
    }()

    /// The error code when libfiu asks the call behind `name` (`posix/io/dir/rename`) to fail
    /// now, as libfiu's own wrappers take it from the failpoint's information (EIO if none).
    static func failure(_ name: String) -> Int32? {
        guard let libfiu, libfiu.fail(name) != 0 else { return nil }
        let code = Int32(truncatingIfNeeded: Int(bitPattern: libfiu.info()))
        return code > 0 ? code : EIO
    }
}
