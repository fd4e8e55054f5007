/// Small dense kernels over contiguous row-major storage: plain loops, no allocation.
///
/// The matrices Unroll runs are tiny (H ≤ 64), where loops over contiguous memory beat any
/// framework call by orders of magnitude.
enum Kernels {
    /// y[r] += Σ_j W[r, j] · x[j] for r in 0..<rows (W row-major rows × cols).
    @inline(__always)
    static func addMatVec(_ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        var row = w
        for r in 0..<rows {
            var s = 0.0
            for j in 0..<cols { s += row[j] * x[j] }
            y[r] += s
            row += cols
        }
    }

    /// y[j] += Σ_r W[r, j] · d[r] for j in 0..<cols: the transpose product used to send gradients back.
    @inline(__always)
    static func addMatTVec(_ w: UnsafePointer<Double>, _ d: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        var row = w
        for r in 0..<rows {
            let dr = d[r]
            if dr != 0 {
                for j in 0..<cols { y[j] += row[j] * dr }
            }
            row += cols
        }
    }

    /// G[r, j] += d[r] · x[j]: accumulates an outer product into a gradient matrix.
    @inline(__always)
    static func addOuter(_ d: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        var row = g
        for r in 0..<rows {
            let dr = d[r]
            if dr != 0 {
                for j in 0..<cols { row[j] += dr * x[j] }
            }
            row += cols
        }
    }
}
