import FlyingFox
import FlyingSocks
import Foundation

/// The HTTP side of `site serve` (FlyingFox): answers from the last site it was given, and
/// tells open pages through Server-Sent Events each time it is given another.
public final class PreviewServer: Sendable {
    struct Served: Sendable {
        var snapshot = PreviewSnapshot()
        var sourceRoot = ""
        var version = 0
        var problems: [Diagnostic] = []
    }

    private let served = Locked(Served())
    /// The `Host` values answered when listening on loopback only: a web page elsewhere whose
    /// name is made to point at 127.0.0.1 (DNS rebinding) must not read the preview.
    private let hosts = Locked<Set<String>?>(nil)
    private let listeners = Locked<[UUID: AsyncStream<Data>.Continuation]>([:])
    private let server: HTTPServer
    private let address: String
    private let port: UInt16

    /// A server for `address` (IPv4 or IPv6) and `port`; it listens once started.
    public init(bind address: String, port: UInt16) throws(Diagnostic) {
        let socket: any SocketAddress
        do {
            socket = address.contains(":") ? try sockaddr_in6.inet6(ip6: address, port: port) : try sockaddr_in.inet(ip4: address, port: port)
        } catch {
            throw .error(.io, "cannot listen on \(address): it is not an IP address", hint: "pass --bind 127.0.0.1 (this machine only), or the address of one of its network interfaces", at: nil)
        }
        let handler = Handler(served: served, listeners: listeners, hosts: hosts)
        server = HTTPServer(address: socket, timeout: 30, pool: NoDelayPool(pool: HTTPServer.defaultPool()), logger: .disabled, handler: handler)
        self.address = address
        self.port = port
    }

    /// Starts listening; returns the port (the one the system chose for port 0). Fails at once
    /// when the port is taken or the address is not this machine's.
    public func start() async throws(Diagnostic) -> UInt16 {
        let server = server
        let (failures, failed) = AsyncStream<any Error>.makeStream()
        Task {
            do { try await server.run() } catch { failed.yield(error) }
            failed.finish()
        }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.waitUntilListening(timeout: 10) }
                group.addTask {
                    for await error in failures { throw error }
                }
                // The first to end: listening, or the server's error.
                try await group.next()
                group.cancelAll()
            }
        } catch {
            throw listenProblem(error)
        }
        switch await server.listeningAddress {
        case .ip4(_, let port)?, .ip6(_, let port)?:
            if ["127.0.0.1", "::1"].contains(address) {
                let names = ["127.0.0.1", "localhost", "[::1]"]
                hosts.withLock { $0 = Set(names + names.map { "\($0):\(port)" }) }
            }
            return port
        default: throw listenProblem(SocketError.unsupportedAddress)
        }
    }

    private func listenProblem(_ error: any Error) -> Diagnostic {
        let what = "cannot listen on \(address) port \(port)"
        guard case .failed(_, let number, let message)? = error as? SocketError else {
            return .error(.io, "\(what): \(error.localizedDescription)", at: nil)
        }
        switch number {
        case EADDRINUSE:
            return .error(.io, "\(what): the port is already in use", hint: "another program (another site serve?) listens there: stop it, or pass another --port (--port 0 picks a free one)", at: nil)
        case EACCES:
            return .error(.io, "\(what): permission denied", hint: "ports below 1024 need administrator rights: pass a higher --port", at: nil)
        case EADDRNOTAVAIL:
            return .error(.io, "\(what): this machine has no such address", hint: "pass --bind 127.0.0.1, or the address of one of its network interfaces", at: nil)
        default:
            return .error(.io, "\(what): \(message)", at: nil)
        }
    }

    /// Serves `site` from now on and tells open pages to reload; with `reload` false (the same
    /// files, kept smaller), only serves it.
    public func serve(_ site: PreviewSite, reload: Bool = true) {
        let version = served.withLock { served in
            if reload { served.version += 1 }
            served.sourceRoot = site.sourceRoot.path
            // The last good site, at its address, also while a broken site.yaml has none.
            served.snapshot = site.snapshot
            served.problems = site.diagnostics.filter { $0.severity == .error }
            return served.version
        }
        guard reload else { return }
        let event = Data("data: \(version)\n\n".utf8)
        for listener in listeners.withLock({ Array($0.values) }) { listener.yield(event) }
    }

    public func stop() async {
        for listener in listeners.withLock({ Array($0.values) }) { listener.finish() }
        // Connections are closed first; the wait is for the listening task, which ends only when cancelled.
        await server.stop(timeout: 0.2)
    }

    struct Handler: HTTPHandler {
        let served: Locked<Served>
        let listeners: Locked<[UUID: AsyncStream<Data>.Continuation]>
        let hosts: Locked<Set<String>?>

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            if let allowed = hosts.withLock({ $0 }), !allowed.contains((request.headers[.host] ?? "").lowercased()) {
                var headers = HTTPHeaders()
                headers[.contentType] = "text/plain; charset=utf-8"
                return HTTPResponse(statusCode: .forbidden, headers: headers, body: Data("This preview answers only to its own address (127.0.0.1 or localhost).\n".utf8))
            }
            let target = request.target.path(percentEncoded: true)
            if target == PreviewResponder.eventsPath, request.method == .GET { return events() }
            let state = served.withLock { $0 }
            let answer = PreviewResponder.respond(
                method: request.method.rawValue, target: target, file: state.snapshot.file, sourceRoot: state.sourceRoot, basePath: state.snapshot.basePath,
                version: state.version, problems: state.problems)
            var headers = HTTPHeaders()
            for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
            return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status)), headers: headers, body: answer.body)
        }

        /// A stream that says the current version at once, then each new one.
        private func events() -> HTTPResponse {
            let id = UUID()
            let (stream, continuation) = AsyncStream<Data>.makeStream()
            continuation.onTermination = { [listeners] _ in listeners.withLock { $0[id] = nil } }
            listeners.withLock { $0[id] = continuation }
            continuation.yield(Data("retry: 500\ndata: \(served.withLock { $0.version })\n\n".utf8))
            var headers = HTTPHeaders()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return HTTPResponse(statusCode: .ok, headers: headers, body: HTTPBodySequence(from: EventBytes(stream: stream)))
        }

        static func phrase(_ status: Int) -> String {
            switch status {
            case 200: "OK"
            case 301: "Moved Permanently"
            case 404: "Not Found"
            case 405: "Method Not Allowed"
            default: "Status"
            }
        }
    }
}

/// The bytes of a stream of events, for a chunked HTTP body.
struct EventBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(events: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var events: AsyncStream<Data>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty {
                guard let event = await events.next() else { return nil }
                pending = Array(event)
            }
            let taken = Array(pending.prefix(Swift.max(1, count)))
            pending.removeFirst(taken.count)
            return taken
        }
    }
}

/// FlyingFox's socket pool, with Nagle's algorithm off on every socket it waits on. FlyingFox
/// writes a response's header and body apart: on a kept-alive connection the body then waited
/// for the header's delayed acknowledgement, 40 ms an answer (measured: 41-44 ms for a second
/// request on one connection, 1.4-4 ms on a new one).
struct NoDelayPool<Pool: AsyncSocketPool>: AsyncSocketPool {
    let pool: Pool

    func prepare() async throws { try await pool.prepare() }

    func run() async throws { try await pool.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        var on: Int32 = 1
        setsockopt(socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        try await pool.suspendSocket(socket, untilReadyFor: events)
    }
}
