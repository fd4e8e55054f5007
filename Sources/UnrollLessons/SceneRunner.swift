import Synchronization
import UnrollCore

/// Runs scenes on the core: resolves the model, checks every token and clamp against it (with the
/// author's line and column), runs forward (and BPTT when there are targets), and caches the runs.
public final class SceneRunner: Sendable {
    public let models: ModelStore
    /// Slow analyses' results (races, shaped models) for every check run on this runner's scenes.
    public let analyses = AnalysisCache()
    /// The longest sequence a scene may run (keeps lint and the tutor fast on any input).
    public static let maxSteps = 2_000
    private let cache = Mutex<[SceneRunKey: SceneRun]>([:])
    private static let cacheLimit = 128

    private let jobCounter = Mutex<UInt64>(0)

    public init(models: ModelStore) {
        self.models = models
    }

    /// A new id for a request to run a scene on this runner (the app drops a result whose id is not
    /// the one its step waits for).
    public func nextJobID() -> UInt64 { jobCounter.withLock { $0 += 1; return $0 } }

    /// The run of `scene`, or the first located problem that prevents it.
    public func run(_ scene: Scene, file: String) -> Result<SceneRun, Diagnostic> {
        let key = scene.runKey
        if let cached = cache.withLock({ $0[key] }) {
            return .success(SceneRun(reusing: cached, scene: scene))
        }
        let result = makeRun(scene, file: file)
        if case let .success(run) = result {
            cache.withLock { c in
                if c.count >= Self.cacheLimit { c.removeAll() }
                c[key] = run
            }
        }
        return result
    }

    /// The run of `scene` on a model the app holds (scaled or trained live), instead of the named one; not cached.
    public func run(_ scene: Scene, model: RecurrentModel, file: String) -> Result<SceneRun, Diagnostic> {
        makeRun(scene, model: model, file: file)
    }

    private func makeRun(_ scene: Scene, file: String) -> Result<SceneRun, Diagnostic> {
        switch models.load(scene.model.value) {
        case let .success(m): return makeRun(scene, model: m, file: file)
        case let .failure(e): return .failure(Diagnostic(file: file, location: scene.model.location, message: e.message))
        }
    }

    private func makeRun(_ scene: Scene, model: RecurrentModel, file: String) -> Result<SceneRun, Diagnostic> {
        func fail(_ message: String, _ at: SourcePosition) -> Result<SceneRun, Diagnostic> {
            .failure(Diagnostic(file: file, location: at, message: message))
        }
        guard scene.input.count > 0 else { return fail("input has no tokens", scene.input.location) }
        guard scene.input.count <= Self.maxSteps else {
            return fail("input has \(scene.input.count) tokens; a scene runs at most \(Self.maxSteps)", scene.input.location)
        }
        if model.inputKind == .real { return makeSeriesRun(scene, model: model, file: file) }
        if let series = scene.series {
            return fail("'series' is for a forecaster of real numbers; \(scene.model.value) reads words", series.seed.location)
        }
        // Tokens, one by one, so the error points at the token.
        var tokens: [Int?] = []
        for token in scene.input.tokens {
            if token.value == "?" { tokens.append(nil); continue }
            guard let k = Self.index(of: token.value, names: model.vocab, size: model.inputSize) else {
                return fail("input token '\(token.value)' is not in the vocabulary of \(scene.model.value) (\(Self.vocabList(model.vocab, size: model.inputSize)))",
                            token.location)
            }
            tokens.append(k)
        }
        let input = SequenceInput(tokens: tokens, inputSize: model.inputSize)
        var targets = Run.Targets.nextToken
        if let list = scene.targets {
            guard list.count == scene.input.count else {
                return fail("targets has \(list.count) tokens but input has \(scene.input.count): give one target per input token ('?' for none)",
                            list.location)
            }
            let names: [String]? = model.vocabCoversOutputs ? model.vocab : nil
            var out: [Int?] = []
            for token in list.tokens {
                if token.value == "?" { out.append(nil); continue }
                guard let k = Self.index(of: token.value, names: names, size: model.outputSize) else {
                    return fail("target '\(token.value)' is not an output of \(scene.model.value) (\(Self.vocabList(names, size: model.outputSize)))",
                                token.location)
                }
                out.append(k)
            }
            targets = .given(out)
        }
        var clamps: [Clamp] = []
        for spec in scene.clamps {
            do {
                let clamp = try Clamp.parse(spec.value, kind: model.kind, hiddenSize: model.hiddenSize)
                if let steps = clamp.steps, steps.upperBound > input.count {
                    return fail("clamp '\(spec.value)': step \(steps.upperBound) is past the last step \(input.count)", spec.location)
                }
                clamps.append(clamp)
            } catch {
                return fail("\(error)", spec.location)
            }
        }
        return .success(SceneRun(scene: scene, modelName: scene.model.value, model: model, input: input, targets: targets, clamps: clamps))
    }

    /// A forecaster's run: the input's numbers (a `series`, or numbers the author wrote), every `?`
    /// step fed the network's own previous prediction; no targets (the checks measure the forecast).
    private func makeSeriesRun(_ scene: Scene, model: RecurrentModel, file: String) -> Result<SceneRun, Diagnostic> {
        func fail(_ message: String, _ at: SourcePosition) -> Result<SceneRun, Diagnostic> {
            .failure(Diagnostic(file: file, location: at, message: message))
        }
        if let targets = scene.targets {
            return fail("\(scene.model.value) forecasts numbers: a scene on it has no 'targets' (its series is its own target)", targets.location)
        }
        let input: SequenceInput
        do { input = try model.parseInput(scene.input.text, option: "input") } catch let e as TokenError {
            return fail(e.message, scene.input.location)
        } catch {
            return fail("\(error)", scene.input.location)
        }
        var clamps: [Clamp] = []
        for spec in scene.clamps {
            do {
                let clamp = try Clamp.parse(spec.value, kind: model.kind, hiddenSize: model.hiddenSize)
                if let steps = clamp.steps, steps.upperBound > input.count {
                    return fail("clamp '\(spec.value)': step \(steps.upperBound) is past the last step \(input.count)", spec.location)
                }
                clamps.append(clamp)
            } catch {
                return fail("\(error)", spec.location)
            }
        }
        return .success(SceneRun(scene: scene, modelName: scene.model.value, model: model, input: input, targets: .nextToken, clamps: clamps,
                                 feedOwnPredictions: model.canFeedPredictions))
    }

    /// A word's index in `names`, or a number 0..<size when there are no names.
    static func index(of word: String, names: [String]?, size: Int) -> Int? {
        if let names { return names.firstIndex(of: word) }
        if let k = Int(word), k >= 0, k < size { return k }
        return nil
    }

    static func vocabList(_ names: [String]?, size: Int) -> String {
        if let names { return names.joined(separator: " ") }
        return "indices 0…\(size - 1)"
    }
}

extension SceneRun {
    /// The same run, seen from another scene with the same run key (its cursor, panels or highlight differ).
    init(reusing run: SceneRun, scene: Scene) {
        self = run
        self.scene = scene
    }
}
