/// Small dense kernels over contiguous row-major storage: plain loops, no allocation.
///
/// The matrices Unroll runs are tiny (H ≤ 64), where loops over contiguous memory beat any
/// framework call by orders of magnitude.
enum Kernels {
    /// y[r] += Σ_j W[r, j] · x[j] for r in 0..<rows (W row-major rows × cols).
    ///
    /// Four independent SIMD accumulators keep the additions from waiting on each other; the
    /// summation order differs from a plain loop by rounding only (≈ 1e-16 relative).
    @inline(__always)
    static func addMatVec(_ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        let wide = cols & ~7
        let xr = UnsafeRawPointer(x)
        var row = w
        for r in 0..<rows {
            let rr = UnsafeRawPointer(row)
            var a0 = SIMD4<Double>(), a1 = SIMD4<Double>()
            var j = 0
            while j < wide {
                a0 += rr.loadUnaligned(fromByteOffset: j &* 8, as: SIMD4<Double>.self)
                    * xr.loadUnaligned(fromByteOffset: j &* 8, as: SIMD4<Double>.self)
                a1 += rr.loadUnaligned(fromByteOffset: (j &+ 4) &* 8, as: SIMD4<Double>.self)
                    * xr.loadUnaligned(fromByteOffset: (j &+ 4) &* 8, as: SIMD4<Double>.self)
                j &+= 8
            }
            var s = (a0 + a1).sum()
            while j < cols {
                s += row[j] * x[j]
                j &+= 1
            }
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
            if dr != 0 { axpy(dr, row, y, cols) }
            row += cols
        }
    }

    /// G[r, j] += d[r] · x[j]: accumulates an outer product into a gradient matrix.
    @inline(__always)
    static func addOuter(_ d: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        var row = g
        for r in 0..<rows {
            let dr = d[r]
            if dr != 0 { axpy(dr, x, row, cols) }
            row += cols
        }
    }

    /// y[j] += a · x[j] for j in 0..<n, four lanes at a time.
    @inline(__always)
    static func axpy(_ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        let wide = n & ~3
        let xr = UnsafeRawPointer(x), yr = UnsafeMutableRawPointer(y)
        let av = SIMD4<Double>(repeating: a)
        var j = 0
        while j < wide {
            let off = j &* 8
            let v = yr.loadUnaligned(fromByteOffset: off, as: SIMD4<Double>.self) + av * xr.loadUnaligned(fromByteOffset: off, as: SIMD4<Double>.self)
            yr.storeBytes(of: v, toByteOffset: off, as: SIMD4<Double>.self)
            j &+= 4
        }
        while j < n {
            y[j] += a * x[j]
            j &+= 1
        }
    }
}
