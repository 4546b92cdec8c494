import CSystem
import Foundation

/// A file besides article pages as the preview keeps it: as written, or deflated (zlib).
enum KeptFile: Sendable {
    case file(MemoryOutput.File)
    case deflated(Data, size: Int)

    var file: MemoryOutput.File {
        switch self {
        case .file(let file): return file
        case .deflated(let deflated, let size):
            var bytes = Data(count: size)
            let status = bytes.withUnsafeMutableBytes { out in
                deflated.withUnsafeBytes { bantin_inflate($0.baseAddress, deflated.count, out.baseAddress, size) }
            }
            precondition(status == 0, "a page deflated in memory did not inflate")
            return .bytes(bytes)
        }
    }

    /// Deflated, where that makes it smaller.
    var deflated: KeptFile {
        guard case .file(.bytes(let data)) = self else { return self }
        return data.withUnsafeBytes { Self.deflating($0) } ?? self
    }

    /// `bytes` deflated, if that makes them smaller.
    static func deflating(_ bytes: UnsafeRawBufferPointer) -> KeptFile? {
        guard bytes.count > 512 else { return nil }
        var out = [UInt8](repeating: 0, count: bytes.count)
        let size = out.withUnsafeMutableBytes { bantin_deflate(bytes.baseAddress, bytes.count, $0.baseAddress, $0.count) }
        guard size > 0 else { return nil }
        // Copied out: a slice would keep the whole buffer.
        return .deflated(Data(out[..<size]), size: bytes.count)
    }
}

/// Where `site serve` has the outputs besides article pages written: in memory, each file
/// deflated on the thread that wrote it when `deflate`.
final class PreviewOutput: OutputSink {
    let deflate: Bool
    private let stored = Locked<[String: KeptFile]>([:])

    init(deflate: Bool) { self.deflate = deflate }

    func store(_ sitePath: String, _ bytes: UnsafeRawBufferPointer) {
        let kept = (deflate ? KeptFile.deflating(bytes) : nil) ?? .file(.bytes(Data(bytes)))
        stored.withLock { $0[sitePath] = kept }
    }

    func storeCopy(_ sitePath: String, of sourceFile: String) {
        stored.withLock { $0[sitePath] = .file(.copy(of: sourceFile)) }
    }

    var files: [String: KeptFile] { stored.withLock { $0 } }
}
