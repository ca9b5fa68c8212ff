#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Raising the process's open-file limit so the connection cap, not `ulimit -n`, decides how
/// many clients can be connected.
enum FileDescriptorLimit {
    /// Raises the soft limit towards `wanted`. The hard limit is raised too when the process
    /// may (it runs as root); otherwise the soft limit stops at the hard one. Returns the
    /// limit now in force.
    @discardableResult
    static func raise(to wanted: Int) -> Int {
        var limits = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limits) == 0 else { return -1 }
        if limits.rlim_max < rlim_t(wanted) {
            var raised = limits
            raised.rlim_max = rlim_t(wanted)
            raised.rlim_cur = rlim_t(wanted)
            if setrlimit(RLIMIT_NOFILE_VALUE, &raised) == 0 { return wanted }
        }
        let target = min(rlim_t(wanted), limits.rlim_max)
        if limits.rlim_cur < target {
            limits.rlim_cur = target
            _ = setrlimit(RLIMIT_NOFILE_VALUE, &limits)
            _ = getrlimit(RLIMIT_NOFILE_VALUE, &limits)
        }
        return Int(limits.rlim_cur)
    }

    #if canImport(Glibc)
    private static var RLIMIT_NOFILE_VALUE: __rlimit_resource_t { __rlimit_resource_t(UInt32(RLIMIT_NOFILE.rawValue)) }
    #else
    private static var RLIMIT_NOFILE_VALUE: Int32 { RLIMIT_NOFILE }
    #endif
}
