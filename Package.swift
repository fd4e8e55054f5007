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
        // Pinned exactly (Package.resolved is not committed here): versions the package mirror holds.
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", exact: "1.19.7"),
        // The zip container of PyTorch's `.pt` files (read only; the pickle inside is read by our own code).
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // A user's own time series (`unroll train csv FILE --column NAME`): RFC 4180 CSV with a header row.
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        // `unroll serve`: the SSH server, its event loop, host keys, and the class record.
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssh", exact: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // The live compute core: cells, traces, BPTT, training, analyses, model files.
        // Optimised even in debug builds: `swift run unroll` trains live and `swift test` trains
        // the lesson models, and unoptimised numeric loops are ~40× slower.
        .target(
            name: "UnrollCore",
            dependencies: ["CUnrollKernels", .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: optimisedEvenInDebug
        ),
        // The core's dense float64 kernels (matrix–vector products, outer products, σ and tanh), in C so
        // they can be compiled for AVX2 + FMA and AVX-512 beside a plain version and chosen at run time
        // from what the CPU reports: the binary still runs on any x86-64 and builds on arm64.
        .target(name: "CUnrollKernels", cSettings: [.unsafeFlags(["-O2"])]),
        // Styled cell grid and widgets; no curses here.
        .target(name: "UnrollTUI", swiftSettings: optimisedEvenInDebug),
        // ncursesw, seen through a shim header (NCURSES_WIDECHAR, static inline wrappers).
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"]), .brew(["ncurses"])]
        ),
        // The only code that calls curses.
        .target(name: "UnrollTerminal", dependencies: ["UnrollTUI", "CNcursesw"]),
        // The shipped lessons/ folder compiled into the binary (data only; generated at build time).
        .target(name: "UnrollShippedLessons", plugins: ["EmbedLessons"]),
        // Writes that table: the EmbedLessons plugin's tool.
        .executableTarget(name: "unroll-embed-lessons"),
        .plugin(name: "EmbedLessons", capability: .buildTool(), dependencies: ["unroll-embed-lessons"]),
        // Lesson files → Lesson values; checks and questions evaluated on the core.
        .target(name: "UnrollLessons", dependencies: ["UnrollCore", "UnrollShippedLessons", .product(name: "Yams", package: "Yams")]),
        // App state, messages, update, one view per screen.
        .target(name: "UnrollApp", dependencies: ["UnrollCore", "UnrollLessons", "UnrollTUI"]),
        // `unroll serve`: one tutor session per SSH connection, drawn through the Buffer diff and an
        // ANSI encoder (curses drives one terminal per process); follow-the-teacher, polls, the record.
        .target(
            name: "UnrollServe",
            dependencies: [
                "UnrollCore", "UnrollLessons", "UnrollTUI", "UnrollApp",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Sets the Swift backtracer's options before the runtime reads them (static builds).
        .target(name: "CUnrollStartup"),
        // The command line.
        .executableTarget(
            name: "unroll",
            dependencies: [
                "UnrollCore", "UnrollLessons", "UnrollTUI", "UnrollApp", "UnrollTerminal", "UnrollServe", "CUnrollStartup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [
                // Release builds pack their relative relocations (DT_RELR): 80,000 of them, 1.9 MB that
                // the loader would otherwise read and apply at every start, and 2 MB of resident memory.
                // Linked by GNU ld, since gold cannot pack them. Needs glibc 2.36 or later where it runs.
                // The static Swift runtime comes from `--static-swift-stdlib` on the command line: the
                // same flag given here as `-static-stdlib` links Foundation's archives in the wrong order.
                .unsafeFlags(["-use-ld=bfd", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                             .when(platforms: [.linux], configuration: .release)),
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
        .testTarget(name: "UnrollServeTests", dependencies: ["UnrollServe", "UnrollTUI", "UnrollApp", "UnrollLessons", "UnrollCore"]),
        .testTarget(name: "UnrollCLITests", dependencies: ["unroll", "UnrollCore"]),
    ]
)
