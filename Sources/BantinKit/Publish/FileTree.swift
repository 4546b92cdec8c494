import Foundation

/// Lists files below a folder, relative paths with `/`, sorted so every run sees the same order.
/// Hidden files and folders (`.git`, `.DS_Store`) are skipped. Uses readdir directly: it is called
/// on every build for tens of thousands of files.
enum FileTree {
    static func files(under folder: URL, includingHidden: Bool = false) -> [String] {
        var files: [String] = []
        walk(folder.standardizedFileURL.path, prefix: "", hidden: includingHidden, into: &files)
        return files.sorted()
    }

    private static func walk(_ path: String, prefix: String, hidden: Bool, into files: inout [String]) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || (!hidden && name.hasPrefix(".")) { continue }
            let full = path + "/" + name
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            var isFile = entry.pointee.d_type == UInt8(DT_REG)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                var info = stat()
                guard stat(full, &info) == 0 else { continue }
                isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                isFile = (info.st_mode & S_IFMT) == S_IFREG
            }
            if isDirectory {
                walk(full, prefix: prefix + name + "/", hidden: hidden, into: &files)
            } else if isFile {
                files.append(prefix + name)
            }
        }
    }
}
