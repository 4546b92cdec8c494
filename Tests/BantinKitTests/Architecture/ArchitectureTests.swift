import Foundation
import Testing

/// The code stays readable: the folders of `Sources/BantinKit` depend on each other in one
/// direction only (ARCHITECTURE.md), a folder using another's types only if that one never uses
/// it back, directly or through others; and no source file is too long to read at once.
@Suite struct ArchitectureTests {
    static let sources = repositoryRoot.appendingPathComponent("Sources/BantinKit")

    /// Each folder's Swift text without comments and string literals, so prose does not count as use.
    static func folders() throws -> [String: String] {
        let manager = FileManager.default
        var code: [String: String] = [:]
        for folder in try manager.contentsOfDirectory(atPath: sources.path) {
            let url = sources.appendingPathComponent(folder)
            guard let files = try? manager.contentsOfDirectory(atPath: url.path) else { continue }
            code[folder] = try files.filter { $0.hasSuffix(".swift") }.sorted().map {
                try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8)
                    .replacing(#/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|//[^\n]*/#, with: " ")
            }.joined(separator: "\n")
        }
        return code
    }

    /// Folder → the folders whose top-level types it names.
    static func dependencies() throws -> [String: Set<String>] {
        let code = try folders()
        var owner: [String: String] = [:]
        for (folder, text) in code {
            for match in text.matches(of: #/(?m)^(?:public |internal |fileprivate |private |final )*(?:struct|enum|class|protocol|actor|typealias) (\w+)/#) {
                owner[String(match.1)] = folder
            }
        }
        return code.mapValues { text in
            Set(text.matches(of: #/\b[A-Z]\w*/#).compactMap { owner[String($0.0)] })
        }.reduce(into: [:]) { result, entry in
            result[entry.key] = entry.value.subtracting([entry.key])
        }
    }

    /// A way round the folder graph, as folder names, or nil.
    static func cycle(in graph: [String: Set<String>]) -> [String]? {
        var done: Set<String> = [], path: [String] = []
        func visit(_ folder: String) -> [String]? {
            if let start = path.firstIndex(of: folder) { return path[start...] + [folder] }
            guard done.insert(folder).inserted else { return nil }
            path.append(folder)
            defer { path.removeLast() }
            for next in graph[folder, default: []].sorted() {
                if let found = visit(next) { return found }
            }
            return nil
        }
        for folder in graph.keys.sorted() {
            if let found = visit(folder) { return found }
        }
        return nil
    }

    @Test func noFolderDependsOnItselfThroughOthers() throws {
        let graph = try Self.dependencies()
        #expect(graph.count >= 10, "the folders of Sources/BantinKit were not found")
        let found = Self.cycle(in: graph)
        #expect(found == nil, "folders depend on each other in a circle: \((found ?? []).joined(separator: " → "))")
    }

    @Test func theStagesComeInTheirOrder() throws {
        let graph = try Self.dependencies()
        #expect(graph["Model"]?.isSuperset(of: ["Content", "Gazetteer", "Config"]) == true)
        for later in ["Render", "Outputs", "Publish", "Build"] {
            #expect(graph["Model"]?.contains(later) == false, "Model uses \(later)")
            #expect(graph["Content"]?.contains(later) == false, "Content uses \(later)")
        }
        #expect(graph["Outputs"]?.contains("Publish") == false, "Outputs writes through OutputSink, not Publish")
        #expect(graph["Build"]?.isSuperset(of: ["Publish", "Outputs", "Model"]) == true)
        #expect(graph["Preview"]?.contains("Build") == true && graph["Build"]?.contains("Preview") == false, "Preview sits on top of Build")
    }

    @Test func noSourceFileIsOver400Lines() throws {
        let root = repositoryRoot.appendingPathComponent("Sources")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        let long = try files.filter {
            try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count > 401
        }
        #expect(long.sorted() == [], "split these files")
    }

    /// The checker itself: a planted circle is found.
    @Test func aCircleIsFound() {
        #expect(Self.cycle(in: ["A": ["B"], "B": ["C"], "C": ["A"], "D": ["A"]]) == ["A", "B", "C", "A"])
        #expect(Self.cycle(in: ["A": ["B"], "B": [], "C": ["A", "B"]]) == nil)
    }
}
