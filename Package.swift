// swift-tools-version:6.0
// Unroll: a terminal tutor for recurrent neural networks.
import PackageDescription

/// `-O` for the hot modules in every configuration (a root package may use unsafe flags).
let optimisedEvenInDebug: [SwiftSetting] = [.unsafeFlags(["-O"])]

let package = Package(
    name: "Unroll",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "unroll", targets: ["unroll"]),
        .library(name: "UnrollCore", targets: ["UnrollCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.17.0"),
    ],
    targets: [
        // The live compute core: cells, traces, BPTT, training, analyses, model files.
        // Optimised even in debug builds: `swift run unroll` trains live and `swift test` trains
        // the lesson models, and unoptimised numeric loops are ~40× slower.
        .target(name: "UnrollCore", swiftSettings: optimisedEvenInDebug),
        // Styled cell grid and widgets; no curses here.
        .target(name: "UnrollTUI", swiftSettings: optimisedEvenInDebug),
        // ncursesw, seen through a shim header (NCURSES_WIDECHAR, static inline wrappers).
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"]), .brew(["ncurses"])]
        ),
        // The only code that calls curses.
        .target(name: "UnrollTerminal", dependencies: ["UnrollTUI", "CNcursesw"]),
        // Lesson files → Lesson values; checks and questions evaluated on the core.
        .target(name: "UnrollLessons", dependencies: ["UnrollCore", .product(name: "Yams", package: "Yams")]),
        // App state, messages, update, one view per screen.
        .target(name: "UnrollApp", dependencies: ["UnrollCore", "UnrollLessons", "UnrollTUI"]),
        // The command line.
        .executableTarget(
            name: "unroll",
            dependencies: [
                "UnrollCore", "UnrollLessons", "UnrollTUI", "UnrollApp", "UnrollTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "UnrollCoreTests", dependencies: ["UnrollCore"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "UnrollTUITests",
            dependencies: ["UnrollTUI", .product(name: "SnapshotTesting", package: "swift-snapshot-testing")],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "UnrollTerminalTests", dependencies: ["UnrollTerminal", "UnrollTUI"]),
        .testTarget(name: "UnrollLessonsTests", dependencies: ["UnrollLessons", "UnrollCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "UnrollAppTests",
            dependencies: ["UnrollApp", "UnrollTUI", "UnrollCore", "UnrollLessons",
                           .product(name: "SnapshotTesting", package: "swift-snapshot-testing")],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "UnrollCLITests", dependencies: ["unroll", "UnrollCore"]),
    ]
)
