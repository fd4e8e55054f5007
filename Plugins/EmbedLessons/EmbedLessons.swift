import Foundation
import PackagePlugin

/// Compiles the repository's `lessons/` folder into the target it is applied to.
///
/// Why a build-tool plugin and not SwiftPM resources: on Linux, `resources:` are copied into a
/// `.resources` bundle folder beside the executable, so a copied binary would again find no
/// lessons; `.embedInCode` embeds only files inside the target's own folder, and `lessons/` must
/// stay at the repository root as the one source of truth. This plugin lists every file under
/// `lessons/` (hidden files excepted) as an input, so SwiftPM regenerates the table whenever a lesson
/// or model changes, and the generated Swift never lands in the repository.
@main
struct EmbedLessons: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "lessons")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedLessonFiles.swift")
        let files = Self.files(under: root)
        return [
            .buildCommand(
                displayName: "Embedding lessons/ (\(files.count) files)",
                executable: try context.tool(named: "unroll-embed-lessons").url,
                arguments: [output.path, root.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }

    /// Every regular, non-hidden file under `root`, sorted by path.
    static func files(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { found.append(url) }
        }
        return found.sorted { $0.path < $1.path }
    }
}
