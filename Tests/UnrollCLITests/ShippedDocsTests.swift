import Foundation
import Testing

/// The man page and shell completions in `share/` are what swift-argument-parser makes of the commands
/// today: regenerate them (README, "Install") when a command changes, or this fails.
@Suite struct ShippedDocsTests {
    static let share = CLI.root.appendingPathComponent("share")

    @Test(arguments: [("bash", "completions/unroll.bash"), ("zsh", "completions/_unroll"), ("fish", "completions/unroll.fish")])
    func completionsMatchTheBinary(_ shell: String, _ file: String) throws {
        let r = try CLI.run(["--generate-completion-script", shell])
        #expect(r.status == 0)
        let shipped = try String(contentsOf: Self.share.appendingPathComponent(file), encoding: .utf8)
        #expect(shipped == r.stdout, "share/\(file) is stale: unroll --generate-completion-script \(shell) > share/\(file)")
    }

    @Test func theManPageNamesEveryCommandAndOption() throws {
        let page = try String(contentsOf: Self.share.appendingPathComponent("man/man1/unroll.1"), encoding: .utf8)
        let dump = try CLI.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var missing: [String] = []
        func walk(_ command: [String: Any]) {
            if let name = command["commandName"] as? String, command["shouldDisplay"] as? Bool != false, !page.contains(name) {
                missing.append(name)
            }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                guard argument["shouldDisplay"] as? Bool != false,
                      let names = argument["names"] as? [[String: Any]],
                      let long = names.first(where: { $0["kind"] as? String == "long" })?["name"] as? String else { continue }
                // groff escapes the dashes: look for the name itself.
                if !page.contains(long) { missing.append("--\(long)") }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
        }
        walk(try #require(json["command"] as? [String: Any]))
        #expect(missing.isEmpty, "share/man/man1/unroll.1 is stale (swift package generate-manual): missing \(missing)")
    }
}
