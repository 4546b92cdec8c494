// swift-tools-version:6.0
import PackageDescription

// Linux only (Glibc, renameat2): no Apple platform is claimed.
let package = Package(
    name: "Bantin",
    products: [
        .executable(name: "site", targets: ["site"]),
        .library(name: "BantinKit", targets: ["BantinKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // site serve's HTTP server: 15 s more for a clean debug build where Hummingbird 2 (SwiftNIO) takes 183 s.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // zlib: site serve keeps its list pages deflated (half of its memory otherwise).
        .target(name: "CSystem", linkerSettings: [.linkedLibrary("z")]),
        .target(
            name: "BantinKit",
            dependencies: [
                "CCmark",
                "CSystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "site",
            dependencies: [
                "BantinKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BantinKitTests",
            dependencies: ["BantinKit"],
            resources: []
        ),
    ]
)
