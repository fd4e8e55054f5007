import Testing
import UnrollCore
@testable import UnrollLessons

@Suite struct SceneRunnerTests {
    func sceneError(_ body: String, header: String = standardHeader) throws -> Diagnostic {
        let l = try lesson(header + "\n" + body)
        guard case let .failure(d) = Fixtures.runner.run(l.steps[0].scene, file: "t.md") else {
            Issue.record("scene ran")
            throw CheckError("ran", at: 0..<0)
        }
        return d
    }

    @Test func runsForwardAndBackwardOnTheCore() throws {
        let r = try run(doc("## A\n```scene\ntargets: saw Spot . Doug saw Jane\n```\n"))
        #expect(r.steps == 6)
        #expect(r.modelName == "book-lstm-trained")
        #expect(r.input.tokens == [1, 3, 2, 4, 0, 3])
        #expect(r.targets == [3, 2, 4, 0, 3, 1])
        #expect(r.gradients != nil)
        #expect(r.freeTrace == nil)
        let direct = r.model.forward(r.input, targets: r.targets)
        #expect(direct.probabilities == r.trace.probabilities)
    }

    @Test func clampsRunBesideTheFreeRun() throws {
        let r = try run(doc("## A\n```scene\nclamps: [\"forget[0,1]=0.5@2..3\", output=1]\n```\n"))
        #expect(r.clamps.count == 2)
        #expect(r.clamps[0] == Clamp(gate: .forget, units: [0, 1], steps: 2...3, value: 0.5))
        #expect(r.trace.gate(.forget, at: 2)?[0] == 0.5)
        #expect(r.freeTrace?.gate(.forget, at: 2)?[0] != 0.5)
        #expect(r.view(free: true).trace.gate(.output, at: 1)?[0] != 1)
        #expect(r.view().trace.gate(.output, at: 1)?[0] == 1)
    }

    @Test func runsAreCachedAcrossScenesWithTheSameKey() throws {
        let l = try lesson(doc("## A\n```scene\ncursor: 1\n```\n## B\n```scene\ncursor: 4\npanels: [probs]\n```\n"))
        let a = try run(l.steps[0].scene), b = try run(l.steps[1].scene)
        #expect(l.steps[0].scene.runKey == l.steps[1].scene.runKey)
        #expect(a.trace.hiddenStates == b.trace.hiddenStates)
        #expect(b.scene.cursor?.value == 4, "the cached run carries the asking scene")
    }

    @Test func aTokenNotInTheVocabularyPointsAtTheToken() throws {
        let d = try sceneError("## A\n```scene\ninput: Jane saw Spott\n```\n")
        #expect(d.position == "10:17")
        #expect(d.message == "input token 'Spott' is not in the vocabulary of book-lstm-trained (Doug Jane Spot saw .)")
        let quoted = try sceneError("## A\n```scene\ninput: \"Jane  Bob\"\n```\n")
        #expect(quoted.position == "10:15")
        let listed = try sceneError("## A\n```scene\ninput:\n  - Jane\n  - Bob\n```\n")
        #expect(listed.position == "12:5")
        let header = try sceneError("## A\n", header: standardHeader.replacingOccurrences(of: "input: Jane saw", with: "input: Jane sew"))
        #expect(header.position == "6:13")
    }

    @Test func targetsMustMatchTheInput() throws {
        let count = try sceneError("## A\n```scene\ntargets: saw Spot\n```\n")
        #expect(count.position == "10:10")
        #expect(count.message.contains("targets has 2 tokens but input has 6"))
        let word = try sceneError("## A\n```scene\ntargets: saw Spot . Doug saw Bob\n```\n")
        #expect(word.position == "10:30")
        #expect(word.message.contains("target 'Bob' is not an output"))
    }

    @Test func clampProblemsPointAtTheSpec() throws {
        let past = try sceneError("## A\n```scene\nclamps:\n  - forget=0@7\n```\n")
        #expect(past.position == "11:5")
        #expect(past.message == "clamp 'forget=0@7': step 7 is past the last step 6")
        let gate = try sceneError("## A\n```scene\nclamps: [reset=0]\n```\n")
        #expect(gate.position == "10:10")
        #expect(gate.message.contains("unknown gate 'reset'"))
    }

    @Test func modelProblemsPointAtTheReference() throws {
        let escape = try sceneError("## A\n```scene\nmodel: ../../etc/passwd\n```\n")
        #expect(escape.position == "10:8")
        #expect(escape.message.contains("must be the plain name of a model in lessons/models/"))
        let missing = try sceneError("## A\n", header: standardHeader.replacingOccurrences(of: "model: book-lstm-trained", with: "model: nope"))
        #expect(missing.position == "5:8")
    }

    @Test func aLiveModelReplacesTheNamedOne() throws {
        let l = try lesson(doc("## A\n"))
        var model = try Fixtures.models.load("book-lstm-trained").get()
        model.scaleRecurrentWeights(by: 0)
        let live = try Fixtures.runner.run(l.steps[0].scene, model: model, file: "t.md").get()
        let named = try run(l.steps[0].scene)
        #expect(live.trace.hiddenStates != named.trace.hiddenStates)
        #expect(live.model.parameters == model.parameters)
        let again = try run(l.steps[0].scene)
        #expect(again.trace.hiddenStates == named.trace.hiddenStates, "the live run does not enter the cache")
    }

    @Test func overlongInputsAreRefused() throws {
        let input = Array(repeating: "saw", count: SceneRunner.maxSteps + 1).joined(separator: " ")
        let d = try sceneError("## A\n```scene\ninput: \(input)\n```\n")
        #expect(d.message.contains("at most \(SceneRunner.maxSteps)"))
    }
}
