import Foundation

/// `BANTIN_TRACE=1 site build` prints when each phase of the build ends, for profiling.
public enum PhaseTrace {
    private static let enabled = ProcessInfo.processInfo.environment["BANTIN_TRACE"] == "1"
    /// The first mark; times are from there.
    private static let start = DispatchTime.now().uptimeNanoseconds

    public static func mark(_ phase: @autoclosure () -> String) {
        guard enabled else { return }
        let origin = start
        let ms = Double(DispatchTime.now().uptimeNanoseconds - origin) / 1e6
        // CPU time of every thread so far: tells the work done meanwhile in the background too.
        var cpu = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu)
        let cpuMs = Double(cpu.tv_sec) * 1e3 + Double(cpu.tv_nsec) / 1e6
        FileHandle.standardError.write(Data(String(format: "[trace] %8.1f ms  %8.1f ms CPU  %@\n", ms, cpuMs, phase()).utf8))
    }
}
