import Foundation

/// Whole files read with plain system calls (open, fstat, read), straight into an array:
/// Foundation's `contents(atPath:)` stats the path first and reads into `Data` to be copied from.
enum FileBytes {
    /// The bytes of the file at `path`; nil if it cannot be opened or read whole.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return read(descriptor: fd, size: Int(info.st_size))
    }

    /// `size` bytes from an open file; nil if it holds fewer.
    static func read(descriptor fd: Int32, size: Int) -> [UInt8]? {
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let n = Foundation.read(fd, buffer.baseAddress! + count, size - count)
                if n <= 0 { break }
                count += n
            }
        }
        return bytes.count == size ? bytes : nil
    }

    /// Up to `count` bytes from the start of the file at `path`; nil if it cannot be opened or read.
    static func prefix(_ path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, count) }
        guard n >= 0 else { return nil }
        return Array(bytes[..<n])
    }
}

extension UnsafeRawBufferPointer {
    /// Whether both hold the same bytes, compared with `memcmp`.
    func hasSameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        count == other.count && (count == 0 || memcmp(baseAddress!, other.baseAddress!, count) == 0)
    }

    /// Whether these are the bytes of `text`'s UTF-8.
    func hasBytes(of text: String) -> Bool {
        var text = text
        return text.withUTF8 { hasSameBytes(as: UnsafeRawBufferPointer($0)) }
    }
}
