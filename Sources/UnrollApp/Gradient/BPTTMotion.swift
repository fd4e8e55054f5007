/// Motion on the BPTT screen: after a step (or a step of the backward sweep) the gradient flows
/// back along the arrow from the box after the cursor's into it, a bead travelling right to left.
///
/// The lab's frames and pace (`LabState.flowFrames` × `flowFrameMilliseconds`, under 300 ms),
/// driven by the screen's tick only while the bead moves, so an idle screen costs no CPU; keys
/// are handled at once. Off with `--no-motion`, `UNROLL_NO_MOTION` or plain mode.
extension BPTTState {
    /// How far the gradient has travelled (0…1) in the current frame, nil when nothing moves.
    public var flowProgress: Double? {
        flowFrame.map { Double($0 + 1) / Double(LabState.flowFrames) }
    }

    /// Starts the flow into the cursor's box: only with motion on and a box after it to come from.
    mutating func startFlow() {
        flowFrame = motion && t < steps ? 0 : nil
    }

    /// One frame further; nil (still) after the last.
    mutating func advanceFlow() {
        guard let frame = flowFrame else { return }
        flowFrame = frame + 1 < LabState.flowFrames ? frame + 1 : nil
    }
}
