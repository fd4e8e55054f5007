import Foundation
import Testing

@Suite struct ProgressProfileCommandTests {
    @Test func eachProfileKeepsItsOwnFile() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-profile-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let ana = try CLI.run(["progress", "--profile", "ana"], environment: ["XDG_STATE_HOME": state])
        #expect(ana.status == 0, "\(ana.stderr)")
        #expect(ana.stdout.contains("\(state)/unroll/profiles/ana/progress.json"))
        let fromEnvironment = try CLI.run(["progress"], environment: ["XDG_STATE_HOME": state, "UNROLL_PROFILE": "bo"])
        #expect(fromEnvironment.stdout.contains("/profiles/bo/progress.json"))
        let own = try CLI.run(["progress"], environment: ["XDG_STATE_HOME": state, "UNROLL_PROFILE": ""])
        #expect(own.stdout.contains("\(state)/unroll/progress.json"))
    }

    @Test(arguments: [["progress", "--profile", "../etc"], ["lesson", "1", "--profile", "a b", "--plain"], ["--profile", "", "--plain"]])
    func aBadProfileNameIsOneLineAndExit64(_ arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains("--profile") && r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func aBadProfileInTheEnvironmentNamesTheVariable() throws {
        let r = try CLI.run(["progress"], environment: ["UNROLL_PROFILE": "x/y"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("UNROLL_PROFILE"))
    }
}
