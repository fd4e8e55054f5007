#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The read-out of every network, one step at a time: y = head.weight · f + head.bias over the feature
/// vector f the head reads (the top layer's h_t, or [h_fwd ; h_bwd]), or y = f without a head; then the
/// softmax and cross-entropy of a class read-out, or the mean squared error of a regression.
enum ReadOut {
    /// Writes y_t into `logits` and softmax(y_t) (a regression: y_t again) into `probs`; returns the
    /// step's loss against `target` (a class; ≥ 0 means the step has one) or `targetValues` (regression).
    @inline(__always)
    static func forward(_ p: UnsafePointer<Double>, _ L: ParameterLayout, feature: UnsafePointer<Double>,
                        logits logit: UnsafeMutablePointer<Double>, probs: UnsafeMutablePointer<Double>,
                        target: Int, targetValues: UnsafePointer<Double>?, regression: Bool) -> Double {
        let O = L.outputSize, F = L.featureSize
        if L.hasHead {
            let hw = p + L.headWeight, hb = p + L.headBias
            for k in 0..<O { logit[k] = hb[k] }
            Kernels.addMatVec(hw, feature, logit, rows: O, cols: F)
        } else {
            for k in 0..<O { logit[k] = feature[k] }
        }
        if regression {
            var sum = 0.0
            for k in 0..<O { probs[k] = logit[k] }
            guard target >= 0, let y = targetValues else { return 0 }
            for k in 0..<O { let e = logit[k] - y[k]; sum += e * e }
            return sum / Double(O)
        }
        let logZ = softmax(logit, probs, O)
        return target >= 0 ? logZ - logit[target] : 0
    }

    /// ∂(step loss)/∂y_t into `dlogits`: p − e_y for classes, 2(y − target)/O for a regression.
    @inline(__always)
    static func seed(_ L: ParameterLayout, logits: UnsafePointer<Double>, probs: UnsafePointer<Double>, target: Int,
                     targetValues: UnsafePointer<Double>?, regression: Bool, into dlogits: UnsafeMutablePointer<Double>) {
        let O = L.outputSize
        if regression {
            let scale = 2 / Double(O)
            if let y = targetValues { for k in 0..<O { dlogits[k] = scale * (logits[k] - y[k]) } }
            else { for k in 0..<O { dlogits[k] = 0 } }
            return
        }
        for k in 0..<O { dlogits[k] = probs[k] }
        dlogits[target] -= 1
    }
}
