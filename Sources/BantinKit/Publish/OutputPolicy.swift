import Foundation

/// Which folders a build may replace: checks on real paths, made before anything is written.
enum OutputPolicy {
    static let markerText: StaticString = "Made by Bantin (site build). Bantin replaces this folder on every build.\n"

    /// Whether `folder` holds the marker as Bantin writes it: a regular file with exactly its
    /// text. An empty or other file of that name proves nothing and does not make a folder
    /// Bantin's to empty.
    static func hasMarker(_ folder: String) -> Bool {
        let path = folder + "/" + SitePaths.marker
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == markerText.utf8CodeUnitCount,
              let bytes = FileBytes.read(path) else { return false }
        return markerText.withUTF8Buffer { $0.elementsEqual(bytes) }
    }

    /// The output folder's real path (links resolved: the checks and the writes go there), if it
    /// is safe to replace: not the root, the home folder, the site or inside its content/ or
    /// templates/, not a file, and empty or Bantin's (its marker) unless `force`.
    static func check(output: URL, siteRoot: URL, home: URL?, force: Bool) throws(Diagnostic) -> String {
        guard let path = RealPath.resolve(output.standardizedFileURL.path) else {
            throw Diagnostic.error(
                .unsafeOutput, "refusing to write the site to \(output.path): a symbolic link on the way points nowhere or to itself",
                hint: "give --output as a path without links, or fix the link", at: nil)
        }
        func real(_ url: URL) -> String { RealPath.resolve(url.standardizedFileURL.path) ?? url.standardizedFileURL.path }
        func refuse(_ why: String) -> Diagnostic {
            .error(.unsafeOutput, "refusing to write the site to \(path): \(why)", hint: "choose an empty folder or the default public/ with --output", at: nil)
        }
        func isSameOrInside(_ a: String, _ b: String) -> Bool { a == b || a.hasPrefix(b.hasSuffix("/") ? b : b + "/") }
        let root = real(siteRoot)
        if path == "/" { throw refuse("it is the root of the file system") }
        if let home, path == real(home) { throw refuse("it is the home folder") }
        if isSameOrInside(root, path) { throw refuse("it is the site's source folder or contains it") }
        for protected in ["content", "templates"] where isSameOrInside(path, real(URL(fileURLWithPath: root).appendingPathComponent(protected))) {
            throw refuse("it is inside the site's \(protected)/ folder")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return path }
        guard isDirectory.boolValue else { throw refuse("it is a file, not a folder") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if !entries.isEmpty, !force, !hasMarker(path) {
            throw Diagnostic.error(
                .unsafeOutput,
                entries.contains(SitePaths.marker)
                    ? "refusing to replace \(path): its \(SitePaths.marker) file is not the one Bantin writes, so it may not be Bantin's folder"
                    : "refusing to replace \(path): it is not empty and was not made by Bantin",
                hint: "choose another --output, or pass --force to replace it (its current files will be deleted)", at: nil)
        }
        return path
    }
}
