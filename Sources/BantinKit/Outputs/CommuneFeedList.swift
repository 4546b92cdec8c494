/// `dia-phuong/communes.opml`: every commune feed there is (units with articles), grouped as the
/// commune index groups them, so a reader can subscribe to their communes in one step. OPML 2.0
/// as feed readers import it: nested `outline`s, one `type="rss"` outline a feed.
struct CommuneFeedList: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        try output.write(SitePaths.communeFeedList, Self.xml(context))
    }

    static func xml(_ context: RenderContext) -> String {
        let site = context.site
        let index = CommuneIndex(site)
        let x = Escape.xml
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
        <head>
        <title>\(x(site.config.title)) – tin bài theo xã, phường, thị trấn</title>
        <docs>https://opml.org/spec2.opml</docs>
        </head>
        <body>

        """
        func feeds(_ groups: [CommuneIndex.Group], indent: String) -> String {
            var text = ""
            for group in groups {
                let units = group.communes.filter { site.listedCount(of: $0.id) > 0 }
                guard !units.isEmpty else { continue }
                var inner = indent
                if let district = group.district {
                    text += "\(indent)<outline text=\"\(x(district.label))\">\n"
                    inner += "  "
                }
                for commune in units {
                    let name = commune.label + (site.gazetteer.place(of: commune).map { " (\($0))" } ?? "")
                    text += "\(inner)<outline type=\"rss\" text=\"\(x(name))\" title=\"\(x(name))\""
                        + " xmlUrl=\"\(x(context.links.absolute(SitePaths.communeFeed(commune))))\""
                        + " htmlUrl=\"\(x(context.links.absolute(SitePaths.commune(commune))))\"/>\n"
                }
                if group.district != nil { text += "\(indent)</outline>\n" }
            }
            return text
        }
        let current = feeds(index.current, indent: "  ")
        if !current.isEmpty {
            let heading = "Xã, phường, thị trấn" + (index.since.map { " từ ngày \($0.vietnamese)" } ?? "")
            out += "<outline text=\"\(x(heading))\">\n\(current)</outline>\n"
        }
        let former = index.former.compactMap { province -> String? in
            let text = feeds(province.groups, indent: "    ")
            return text.isEmpty ? nil : "  <outline text=\"\(x("Tỉnh \(province.province)"))\">\n\(text)  </outline>\n"
        }
        if !former.isEmpty {
            out += "<outline text=\"Đơn vị hành chính trước đây\">\n\(former.joined())</outline>\n"
        }
        out += "</body>\n</opml>\n"
        return out
    }
}
