import UnrollCore
import UnrollTUI

/// The BPTT screen's run as the unrolled chain in gradient mode: arrows back in time, each box's
/// ‖∂L/∂h_t‖ as a shade and a number (blank where the backward sweep has not reached yet), and the
/// bead of the gradient flowing back into the cursor's box while it moves.
extension BPTTState {
    /// The chain of the run, in gradient mode, at the cursor.
    public var chain: UnrolledChain {
        let from = revealedFrom ?? 1
        let cuts = Set(truncation.map { truncationCuts(steps: self.steps, window: $0) } ?? [])
        let steps = (0..<Swift.max(0, self.steps)).map { i -> ChainStep in
            let t = i + 1
            return ChainStep(
                input: token(at: t), prediction: model.outputLabel(trace.predicted(at: t)), target: trace.target(at: t).map(model.outputLabel),
                layers: [ChainState(hidden: trace.hidden(at: t), cell: trace.cell(at: t))],
                gradientNorm: t >= from && i < hiddenGradientNorms.count ? hiddenGradientNorms[i] : nil,
                label: cuts.contains(t) ? "|t=\(t)" : nil)
        }
        return UnrolledChain(model: ChainModel(steps: steps), cursor: t - 1, mode: .gradient, flow: flowProgress)
    }
}
