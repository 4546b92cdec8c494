import Foundation

/// The theme's `templates/assets/` copied to `assets/` (with fingerprinted names if asked).
struct ThemeAssets: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        for (_, asset) in context.assets.assets.sorted(by: { $0.key < $1.key }) {
            try output.write(asset.sitePath, asset.bytes)
        }
    }
}

/// Files under `content/` that are not articles: images beside their article (page bundles) or
/// kept at their path under `content/`.
struct ContentResources: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        for (source, target) in context.site.resources.sorted(by: { $0.key < $1.key }) {
            try output.copy(target, from: context.sourceFolder + source)
        }
    }
}
