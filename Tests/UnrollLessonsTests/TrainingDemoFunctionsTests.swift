import Testing
import UnrollCore
@testable import UnrollLessons

/// `book_subject`, `book_accuracy` (lesson 9's truncated BPTT) and `clip_training` (lesson 10's
/// clipping) against the demonstrations run directly, and their refusals. The lessons' own claims
/// (k = 1 fails, full BPTT learns; clipping tames the run) are pinned by `ShippedLessonsTests`.
@Suite struct TrainingDemoFunctionsTests {
    func value(_ expression: String) throws -> CheckValue {
        try evaluate(expression, on: try run(CheckEvaluatorTests.withTargets)).get()
    }

    func number(_ expression: String) throws -> Double {
        guard case let .number(x) = try value(expression) else { Issue.record("\(expression) is not a number"); return .nan }
        return x
    }

    @Test func bookSubjectAndAccuracyReadOneTruncationRun() throws {
        let demo = TruncationDemo(cell: .lstm, window: nil, seed: 0)
        let direct = demo.run()
        #expect(try number("book_subject(lstm, full)") == direct.subjectAfterSaw)
        #expect(try number("book_accuracy(lstm, full, 0)") == direct.accuracy)
        #expect(Fixtures.runner.analyses.truncation(demo) == direct, "the cache keeps the run, and training is deterministic")
        #expect(direct.subjectAfterSaw >= 0 && direct.subjectAfterSaw <= 1 && direct.accuracy > 0 && direct.accuracy <= 1)
    }

    @Test func truncationRunsAreKeyedByWindow() {
        #expect(TruncationDemo(cell: .lstm, window: 1) != TruncationDemo(cell: .lstm, window: nil))
        #expect(TruncationDemo(cell: .lstm, window: 2, seed: 1) != TruncationDemo(cell: .lstm, window: 2, seed: 2))
        #expect(TruncationDemo(cell: .gru, window: 2) != TruncationDemo(cell: .lstm, window: 2))
    }

    @Test func clipTrainingMeasuresTheClippingCurves() throws {
        let free = ClippingDemo(clip: nil).run(), clipped = ClippingDemo(clip: 1).run()
        #expect(free.losses.count == ClippingDemo.epochs && free.norms.count == ClippingDemo.epochs)
        #expect(try number("clip_training(none, max_norm)") == free.maxNorm)
        #expect(try number("clip_training(1, final_loss)") == clipped.finalLoss)
        #expect(try number("clip_training(1, worst_loss)") == clipped.worstLoss)
        #expect(try number("clip_training(1, first_loss, 0)") == clipped.losses[0])
        // Both runs start from the same seeded weights and story: the first loss and norm agree, and
        // clipping only changes what comes after.
        #expect(free.losses[0] == clipped.losses[0] && free.norms[0] == clipped.norms[0])
        #expect(free.losses[1] != clipped.losses[1] || free.norms[0] <= 1)
    }

    @Test func badTrainingDemoArgumentsAreLocatedErrors() throws {
        let r = try run(CheckEvaluatorTests.withTargets)
        for (bad, fragment) in [("book_subject(lstm, 0)", "bptt should be a whole number 1–50 or full"),
                                ("book_subject(lstm, 51)", "bptt should be"), ("book_subject(lstm, 1.5)", "bptt should be"),
                                ("book_subject(lstm, half)", "bptt should be"), ("book_accuracy(cnn, full)", "unknown cell 'cnn'"),
                                ("book_subject(lstm, full, 100)", "seed should be 0…99"),
                                ("clip_training(0, max_norm)", "clip should be a number 0.01…100 or none"),
                                ("clip_training(all, max_norm)", "clip should be"), ("clip_training(1, mean)", "unknown measure 'mean'"),
                                ("clip_training(1, max_norm, -1)", "seed should be 0…99")] {
            switch evaluate(bad, on: r) {
            case .success: Issue.record("\(bad) was accepted")
            case let .failure(e): #expect(e.message.contains(fragment), "\(bad): \(e.message)")
            }
        }
    }
}
