import UnrollCore

/// What a step shows and runs: the model, the sequence, clamps, the cursor, panels, highlights, a plot, keys.
///
/// A scene is complete: the parser fills every key from the lesson header and the previous step's
/// scene, so the app never has to look back. Each value keeps where it was written, so an error
/// about it (a token not in the vocabulary, a cursor past the end) points at the line that set it.
public struct Scene: Sendable, Equatable {
    /// A shipped model name, resolved in the lessons folder's `models/`.
    public var model: Located<String>
    /// The input tokens (`?` is an unknown step).
    public var input: TokenList
    /// One target per input token (`?` for none), or nil: then no loss and no gradients.
    public var targets: TokenList?
    /// Clamp specs, `GATE[UNITS]=VALUE@STEPS`, parsed against the model when the scene runs.
    public var clamps: [Located<String>]
    /// Show the clamped run beside the free (unclamped) run.
    public var compareFree: Bool
    /// The time cursor, 1-based; nil: the app starts at t = 1.
    public var cursor: Located<Int>?
    public var panels: [Panel]
    /// Where `panels` was set (for "does not fit" errors).
    public var panelsLocation: SourcePosition
    public var highlight: Highlight?
    public var plot: PlotSpec?
    /// The keys the student is invited to try.
    public var keys: [InteractiveKey]
    /// What `t` trains on (nil: the app picks by the model's vocabulary).
    public var train: Located<TrainingSource>?
    /// The outputs the probability panel lists, in this order (nil: every output of the model).
    public var outputs: [Located<String>]?
    /// A wave for a forecaster (`series:`); it sets the input, and its truth stays known.
    public var series: SeriesSpec?

    /// The panels a scene shows when no step has set them.
    public static let defaultPanels: [Panel] = [.timeline, .text]
    /// The keys a scene invites when no step has set them.
    public static let defaultKeys: [InteractiveKey] = [.step]

    public init(model: Located<String>, input: TokenList, targets: TokenList? = nil, clamps: [Located<String>] = [],
                compareFree: Bool = false, cursor: Located<Int>? = nil, panels: [Panel] = Scene.defaultPanels,
                panelsLocation: SourcePosition = .start, highlight: Highlight? = nil, plot: PlotSpec? = nil,
                keys: [InteractiveKey] = Scene.defaultKeys, train: Located<TrainingSource>? = nil,
                outputs: [Located<String>]? = nil) {
        self.model = model
        self.input = input
        self.targets = targets
        self.clamps = clamps
        self.compareFree = compareFree
        self.cursor = cursor
        self.panels = panels
        self.panelsLocation = panelsLocation
        self.highlight = highlight
        self.plot = plot
        self.keys = keys
        self.train = train
        self.outputs = outputs
    }

    /// What a run depends on: two scenes with the same key share one `SceneRun`.
    public var runKey: SceneRunKey {
        SceneRunKey(model: model.value, input: input.text, targets: targets?.text, clamps: clamps.map(\.value))
        // (a series' input text is its values, so the input names the run)
    }
}

/// The parts of a scene that decide its run (model, input, targets, clamps); the cache key of `SceneRunner`.
public struct SceneRunKey: Sendable, Hashable {
    public let model: String
    public let input: String
    public let targets: String?
    public let clamps: [String]
}

extension Scene {
    /// The output names `outputs` lists as the model's output indices, in order (nil: every output);
    /// a name the model does not have is left out (lint reports it).
    public func outputIndices(in model: RecurrentModel) -> [Int]? {
        guard let outputs else { return nil }
        let names: [String]? = model.vocabCoversOutputs ? model.vocab : nil
        let indices = outputs.compactMap { SceneRunner.index(of: $0.value, names: names, size: model.outputSize) }
        return indices.isEmpty ? nil : indices
    }
}
