import CUnrollKernels

/// Small dense kernels over contiguous row-major storage, no allocation.
///
/// The loops are C (`CUnrollKernels`), compiled for AVX2 + FMA and AVX-512 beside a plain version and
/// chosen once at start-up from what the CPU reports (`UNROLL_KERNELS=plain|avx2|avx512` overrides):
/// Swift has no per-function target, and a whole-module `-mavx2` would not run on every x86-64. Each
/// kernel's summation order is fixed for its level, so one binary on one CPU gives the same bits on
/// every run; levels differ from each other and from a plain loop by rounding only (≈ 1e-16 relative).
enum Kernels {
    /// The kernel level this process runs ("plain", "avx2", "avx512").
    public static var levelName: String { String(cString: unroll_kernels_name(unroll_kernels_level())) }

    /// One instruction set's kernels, for tests and measurements that compare levels (the core
    /// itself always runs the level chosen at start-up).
    struct Level {
        let name: String
        let table: unroll_kernel_table
    }

    /// Every level this CPU can run, plain first.
    static var supportedLevels: [Level] {
        (0..<Int32(UNROLL_KERNELS_LEVELS)).compactMap { k in
            unroll_kernels_table(k).map { Level(name: String(cString: unroll_kernels_name(k)), table: $0.pointee) }
        }
    }

    /// y[r] += Σ_j W[r, j] · x[j] for r in 0..<rows (W row-major rows × cols).
    ///
    /// Four rows at a time share each load of x, with two vector accumulators per row.
    @inline(__always)
    static func addMatVec(_ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        unroll_matvec_add(w, x, y, rows, cols)
    }

    /// y[j] += Σ_r W[r, j] · d[r] for j in 0..<cols: the transpose product used to send gradients back.
    ///
    /// Four rows of W at a time, so each vector of y is loaded and stored once per four rows (a block
    /// of four zero entries of d is skipped).
    @inline(__always)
    static func addMatTVec(_ w: UnsafePointer<Double>, _ d: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        unroll_mattvec_add(w, d, y, rows, cols)
    }

    /// G[r, j] += d[r] · x[j]: accumulates an outer product into a gradient matrix.
    @inline(__always)
    static func addOuter(_ d: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ g: UnsafeMutablePointer<Double>, rows: Int, cols: Int) {
        unroll_outer_add(d, x, g, rows, cols)
    }

    /// G[r, j] += Σ_{k < count} D[k·dStride + r] · X[k·xStride + j]: `count` outer products at once
    /// (k in order), so a large gradient matrix is read and written once per block of steps rather
    /// than once per step. Tiles of 4 rows × 2 vectors of G stay in registers over k.
    @inline(__always)
    static func addOuterBlock(_ d: UnsafePointer<Double>, dStride: Int, _ x: UnsafePointer<Double>, xStride: Int,
                              _ g: UnsafeMutablePointer<Double>, rows: Int, cols: Int, count: Int) {
        unroll_outer_block_add(d, dStride, x, xStride, g, rows, cols, count)
    }

    /// y[k] = σ(x[k]) for k in 0..<n, vectorised (a few ulp relative, like `sigmoid`).
    @inline(__always)
    static func sigmoid(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        unroll_sigmoid(x, y, n)
    }

    /// y[k] = tanh(x[k]) for k in 0..<n, vectorised (a few ulp relative, like `tanhD`; ±0 keep their sign).
    @inline(__always)
    static func tanh(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        unroll_tanh(x, y, n)
    }

    /// Matrices above this size (bytes) are walked in chunks of rows, forwards on one step and backwards
    /// on the next (`reversed`), so the rows the last walk left in the L2 cache are read first: at H = 256
    /// an LSTM's W_hh is 2 MB against a 1 MB L2, and a walk in one direction only would find none of it there.
    static let zigzagBytes = 512 * 1024
    /// Rows per chunk of a zig-zag walk: about 64 KB of W, a multiple of the kernels' four-row tiles.
    @inline(__always)
    static func zigzagChunk(cols: Int) -> Int { max(4, (65_536 / max(1, cols * 8)) & ~3) }

    /// `addMatVec`, walking a large W backwards when `reversed` (each row's sum is the same either way).
    @inline(__always)
    static func addMatVec(_ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, rows: Int, cols: Int,
                          reversed: Bool) {
        guard reversed, rows * cols * 8 > zigzagBytes else { return addMatVec(w, x, y, rows: rows, cols: cols) }
        let chunk = zigzagChunk(cols: cols)
        var start = (rows - 1) / chunk * chunk
        while start >= 0 {
            addMatVec(w + start * cols, x, y + start, rows: min(chunk, rows - start), cols: cols)
            start -= chunk
        }
    }

    /// `addMatTVec`, walking a large W backwards when `reversed` (the sum over rows then runs the other way:
    /// rounding only, and the same for the same step every run).
    @inline(__always)
    static func addMatTVec(_ w: UnsafePointer<Double>, _ d: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, rows: Int, cols: Int,
                           reversed: Bool) {
        guard reversed, rows * cols * 8 > zigzagBytes else { return addMatTVec(w, d, y, rows: rows, cols: cols) }
        let chunk = zigzagChunk(cols: cols)
        var start = (rows - 1) / chunk * chunk
        while start >= 0 {
            addMatTVec(w + start * cols, d + start, y, rows: min(chunk, rows - start), cols: cols)
            start -= chunk
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
