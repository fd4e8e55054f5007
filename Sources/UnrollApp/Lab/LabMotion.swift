import Foundation

/// Motion in the lab: after a step forward the values flow along the arrow into the new box.
///
/// Three frames 80 ms apart (240 ms in all, under the 300 ms budget), driven by the screen's
/// tick; a key pressed meanwhile is handled at once (the tick never blocks input), and when the
/// last frame is drawn the tick stops, so an idle lab costs no CPU. Off with `--no-motion`,
/// `UNROLL_NO_MOTION` (any value) or plain mode, which never animates.
extension LabState {
    /// Frames of one flow.
    public static let flowFrames = 3
    /// Time between flow frames.
    public static let flowFrameMilliseconds = 80

    /// Whether motion is on by default: off when `UNROLL_NO_MOTION` is set.
    public static var motionFromEnvironment: Bool {
        getenv("UNROLL_NO_MOTION") == nil
    }

    /// How far the values have travelled (0…1) in the current frame, nil when nothing moves.
    public var flowProgress: Double? {
        flowFrame.map { Double($0 + 1) / Double(LabState.flowFrames) }
    }
}
