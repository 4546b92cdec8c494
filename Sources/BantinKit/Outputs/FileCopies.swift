import Foundation

/// The theme's `templates/assets/` copied to `assets/`.
struct ThemeAssets: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let assets = context.sourceRoot.appendingPathComponent("\(TemplateSet.folder)/assets")
        for file in FileTree.files(under: assets) {
            try folder.copy(from: assets.appendingPathComponent(file), to: "assets/" + file)
        }
    }
}

/// Files under `content/` that are not articles: images beside their article (page bundles) or
/// kept at their path under `content/`.
struct ContentResources: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        for (source, target) in context.site.resources.sorted(by: { $0.key < $1.key }) {
            try folder.copy(from: context.sourceRoot.appendingPathComponent(source), to: target)
        }
    }
}
