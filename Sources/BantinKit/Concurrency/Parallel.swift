import Dispatch


/// Maps over `items` on every core, in chunks so threads rarely meet; results keep the input order.
/// Each chunk initializes its own slots of the result in place: no locks, no copies of the results.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 2 { return items.map(transform) }
    let chunkSize = max(1, min(64, items.count / 16))
    let chunks = (items.count + chunkSize - 1) / chunkSize
    return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
        let slots = Slots(base: buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in (chunk * chunkSize)..<min(items.count, (chunk + 1) * chunkSize) {
                (slots.base + index).initialize(to: transform(items[index]))
            }
        }
        initialized = items.count
    }
}

/// Runs `body` on each of `items` as `parallelMap` does; once all ran, throws the first failure in
/// the items' order (so the error reported does not depend on which thread was quicker).
func parallelForEach<T: Sendable, E: Error>(_ items: [T], _ body: @Sendable (T) throws(E) -> Void) throws(E) {
    let failures = parallelMap(items) { item -> E? in
        do throws(E) {
            try body(item)
            return nil
        } catch {
            return error
        }
    }
    if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
}

/// The result buffer, shared by the chunks: each writes only its own indices.
private struct Slots<R>: @unchecked Sendable {
    let base: UnsafeMutablePointer<R>
}

/// A value computed on another thread while the caller goes on; `value` waits for it.
final class Background<Value: Sendable>: Sendable {
    private let group = DispatchGroup()
    private let result = Locked<Value?>(nil)

    init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async { [result, group] in
            let value = work()
            result.withLock { $0 = value }
            group.leave()
        }
    }

    var value: Value {
        group.wait()
        return result.withLock { $0! }
    }
}

/// Frees `values` on another thread. Tearing down a large site's model and caches takes tens of
/// milliseconds, which the caller, usually about to print a line and exit, need not wait for.
/// The values must not be used by the caller any more (pass them with `consume`).
func releaseInBackground(_ values: [Any]) {
    let discarded = Discarded(values)
    DispatchQueue.global(qos: .utility).async { discarded.values = [] }
}

private final class Discarded: @unchecked Sendable {
    var values: [Any]
    init(_ values: [Any]) { self.values = values }
}
