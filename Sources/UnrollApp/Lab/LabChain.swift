import UnrollCore
import UnrollTUI

/// The lab's run as the unrolled chain's plain values: tokens, predictions against targets, h and
/// c per step, the clamps on the steps they hold at, ‖∂L/∂h_t‖ for the gradient mode, and where
/// truncated BPTT cuts the gradient while the lab trains with a window.
extension LabState {
    /// The chain of the shown run (the clamped one when there are clamps).
    public var chainModel: ChainModel {
        let run = shown
        let kind = model.kind
        // Training with truncated BPTT: the boxes where a window starts carry the cut mark, as in BPTT.
        let cuts = Set(training.flatMap { live in live.settings.bpttWindow.map { truncationCuts(steps: self.steps, window: $0) } } ?? [])
        let steps = (0..<Swift.max(0, self.steps)).map { i -> ChainStep in
            let t = i + 1
            let gates = clamps.filter { $0.applies(atStep: t) }.map { $0.gate.symbol(in: kind) }
            var unique: [String] = []
            for g in gates where !unique.contains(g) { unique.append(g) }
            let changed = clamped.map { $0.predicted(at: t) != free.predicted(at: t) } ?? false
            var norm: Double? = nil
            if let g = gradients {
                var s = 0.0
                for v in g.hidden(at: t) { s += v * v }
                norm = s.squareRoot()
            }
            return ChainStep(
                input: token(at: t), fed: i < fedWords.count ? fedWords[i] : nil,
                prediction: isSeries ? predictionLabel(at: t, in: run) : outputLabel(run.predicted(at: t)),
                target: isSeries ? nil : run.target(at: t).map(outputLabel),
                layers: [ChainState(hidden: run.hidden(at: t), cell: run.cell(at: t))],
                clampMark: unique.isEmpty ? nil : "=" + unique.joined(separator: ","), clampChangedPrediction: changed,
                gradientNorm: norm, label: cuts.contains(t) ? "|t=\(t)" : nil)
        }
        return ChainModel(steps: steps + ghostSteps)
    }

    /// The chain widget at the lab's cursor; `explaining` points it at the explanation's terms.
    public func chain(mode: UnrolledChain.Mode = .forward, explaining: Bool = false) -> UnrolledChain {
        UnrolledChain(model: chainModel, cursor: t - 1, mode: mode, flow: flowProgress, highlight: explaining ? explainHighlight : ChainHighlight())
    }
}
