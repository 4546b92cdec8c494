import Foundation

/// A value behind a lock. Not `Synchronization.Mutex`: on Linux it locks with raw futex calls,
/// which the thread sanitizer cannot see, so every use would be reported as a race; NSLock is a
/// pthread mutex, which it understands. This is the one place that vouches for its own safety.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
