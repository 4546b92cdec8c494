import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 client over POSIX sockets, for the preview server's tests: requests go out as
/// written (an HTTP library would normalise `..` away), and every read has a deadline.
enum LoopbackHTTP {
    struct Reply {
        let status: Int
        /// Header names in lower case.
        let headers: [String: String]
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `GET` (or `method`) of `target` as sent, with `Host` and `Connection: close`.
    static func get(_ target: String, port: UInt16, method: String = "GET", timeout: Double = 10) throws -> Reply {
        try send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", port: port, bodyExpected: method != "HEAD", timeout: timeout)
    }

    /// `request` sent byte for byte; the answer read to its end.
    static func send(_ request: String, port: UInt16, bodyExpected: Bool = true, timeout: Double = 10) throws -> Reply {
        let connection = try Connection(port: port, timeout: timeout)
        defer { connection.close() }
        try connection.write(request)
        let (status, headers) = try connection.readHead()
        guard bodyExpected, status != 204, status != 304 else { return Reply(status: status, headers: headers, body: Data()) }
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            var body = Data()
            while let chunk = try connection.readChunk() { body += chunk }
            return Reply(status: status, headers: headers, body: body)
        }
        if let length = headers["content-length"].flatMap({ Int($0) }) {
            return Reply(status: status, headers: headers, body: try connection.read(count: length))
        }
        return Reply(status: status, headers: headers, body: try connection.readToEnd())
    }

    /// One connection: a socket and what was read from it but not used yet.
    final class Connection {
        let socket: Int32
        let deadline: Date
        var pending = Data()

        init(port: UInt16, timeout: Double) throws {
            deadline = Date().addingTimeInterval(timeout)
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                let error = errno
                Glibc.close(socket)
                throw Failure(description: "connect to port \(port): \(String(cString: strerror(error)))")
            }
        }

        func close() { Glibc.close(socket) }

        func write(_ text: String) throws {
            let bytes = Array(text.utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
                sent += n
            }
        }

        /// More bytes into `pending`; false at the end of the stream. Throws past the deadline.
        @discardableResult
        func fill(until deadline: Date? = nil) throws -> Bool {
            let deadline = deadline ?? self.deadline
            while true {
                let left = deadline.timeIntervalSinceNow
                guard left > 0 else { throw Failure(description: "timed out waiting for the server") }
                var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(min(left, 1) * 1000) + 1)
                if ready < 0, errno == EINTR { continue }
                guard ready > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                let n = recv(socket, &buffer, buffer.count, 0)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                pending.append(contentsOf: buffer[..<n])
                return true
            }
        }

        /// The status line and headers.
        func readHead() throws -> (Int, [String: String]) {
            let end = Data("\r\n\r\n".utf8)
            while pending.range(of: end) == nil {
                guard try fill() else { throw Failure(description: "the connection closed before the headers ended: \(String(decoding: pending, as: UTF8.self))") }
            }
            let range = pending.range(of: end)!
            let head = String(decoding: pending[..<range.lowerBound], as: UTF8.self)
            pending = Data(pending[range.upperBound...])
            var lines = head.components(separatedBy: "\r\n")
            let statusLine = lines.removeFirst().split(separator: " ")
            guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else {
                throw Failure(description: "not an HTTP answer: \(head)")
            }
            var headers: [String: String] = [:]
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return (status, headers)
        }

        func read(count: Int) throws -> Data {
            while pending.count < count {
                guard try fill() else { throw Failure(description: "the body ended after \(pending.count) of \(count) bytes") }
            }
            defer { pending = Data(pending[(pending.startIndex + count)...]) }
            return Data(pending.prefix(count))
        }

        func readToEnd() throws -> Data {
            while try fill() {}
            defer { pending = Data() }
            return pending
        }

        /// A line ending in CRLF, without it.
        func readLine(until deadline: Date? = nil) throws -> String {
            let crlf = Data("\r\n".utf8)
            while pending.range(of: crlf) == nil {
                guard try fill(until: deadline) else { throw Failure(description: "the connection closed in the middle of a line") }
            }
            let range = pending.range(of: crlf)!
            defer { pending = Data(pending[range.upperBound...]) }
            return String(decoding: pending[..<range.lowerBound], as: UTF8.self)
        }

        /// The next chunk of a chunked body; nil after the last.
        func readChunk(until deadline: Date? = nil) throws -> Data? {
            let sizeLine = try readLine(until: deadline)
            guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
                throw Failure(description: "bad chunk size \"\(sizeLine)\"")
            }
            if size == 0 {
                _ = try? readLine(until: deadline)
                return nil
            }
            while pending.count < size + 2 {
                guard try fill(until: deadline) else { throw Failure(description: "the chunk ended early") }
            }
            defer { pending = Data(pending[(pending.startIndex + size + 2)...]) }
            return Data(pending.prefix(size))
        }
    }

    /// The preview server's event stream (Server-Sent Events), read one `data:` value at a time.
    final class EventStream {
        let connection: Connection
        let chunked: Bool
        private var text = ""

        init(port: UInt16, path: String = "/__bantin/events") throws {
            // The stream stays open: no deadline for the whole connection, one per read.
            connection = try Connection(port: port, timeout: 24 * 3600)
            try connection.write("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
            let deadline = Date().addingTimeInterval(10)
            while connection.pending.range(of: Data("\r\n\r\n".utf8)) == nil {
                guard try connection.fill(until: deadline) else { throw Failure(description: "the event stream closed before its headers") }
            }
            let (status, headers) = try connection.readHead()
            guard status == 200, headers["content-type"]?.hasPrefix("text/event-stream") == true else {
                throw Failure(description: "the event stream answered \(status) \(headers)")
            }
            chunked = headers["transfer-encoding"]?.lowercased() == "chunked"
        }

        /// The value of the next `data:` line, or nil if none came within `timeout` seconds.
        func next(timeout: Double = 10) -> String? {
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                while let newline = text.firstIndex(of: "\n") {
                    let line = text[..<newline]
                    text = String(text[text.index(after: newline)...])
                    if line.hasPrefix("data:") { return line.dropFirst(5).trimmingCharacters(in: .whitespaces) }
                }
                do {
                    if chunked {
                        guard let chunk = try connection.readChunk(until: deadline) else { return nil }
                        text += String(decoding: chunk, as: UTF8.self)
                    } else {
                        guard try connection.fill(until: deadline) else { return nil }
                        text += String(decoding: connection.pending, as: UTF8.self)
                        connection.pending = Data()
                    }
                } catch {
                    return nil
                }
            }
        }

        func close() { connection.close() }
    }
}
