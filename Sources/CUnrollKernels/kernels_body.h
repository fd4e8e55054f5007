// The kernels' bodies, written once over GCC/Clang vector types of VW doubles and included by
// kernels.c once per instruction set (with SUFFIX naming it). Not a public header.
//
// Summation orders are fixed for a given VW: the same level gives the same bits on every run.

#pragma clang fp contract(fast)

#define UK_CAT2(a, b) a##_##b
#define UK_CAT(a, b) UK_CAT2(a, b)
#define FN(name) UK_CAT(name, SUFFIX)

typedef double FN(vd) __attribute__((vector_size(VW * 8), aligned(8), __may_alias__));
typedef long long FN(vl) __attribute__((vector_size(VW * 8), aligned(8), __may_alias__));
#define vd FN(vd)
#define vl FN(vl)

static inline __attribute__((always_inline)) vd FN(ld)(const double *p) { return *(const vd *)p; }
static inline __attribute__((always_inline)) void FN(st)(double *p, vd v) { *(vd *)p = v; }
static inline __attribute__((always_inline)) vd FN(splat)(double s) { vd z = {0}; return z + s; }
static inline __attribute__((always_inline)) double FN(hsum)(vd v) {
    double s = v[0];
    for (int i = 1; i < VW; i++) s += v[i];
    return s;
}
/// m ? a : b, lane by lane, m a comparison result (all ones or all zeros).
static inline __attribute__((always_inline)) vd FN(sel)(vl m, vd a, vd b) {
    return (vd)(((vl)a & m) | ((vl)b & ~m));
}

static void FN(matvec_add)(const double *w, const double *x, double *y, long rows, long cols) {
    long wide2 = cols - cols % (2 * VW), wide = cols - cols % VW;
    long r = 0;
    for (; r + 4 <= rows; r += 4) {
        const double *w0 = w + r * cols, *w1 = w0 + cols, *w2 = w1 + cols, *w3 = w2 + cols;
        vd a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0}, b0 = {0}, b1 = {0}, b2 = {0}, b3 = {0};
        long j = 0;
        for (; j < wide2; j += 2 * VW) {
            vd x0 = FN(ld)(x + j), x1 = FN(ld)(x + j + VW);
            a0 += FN(ld)(w0 + j) * x0; b0 += FN(ld)(w0 + j + VW) * x1;
            a1 += FN(ld)(w1 + j) * x0; b1 += FN(ld)(w1 + j + VW) * x1;
            a2 += FN(ld)(w2 + j) * x0; b2 += FN(ld)(w2 + j + VW) * x1;
            a3 += FN(ld)(w3 + j) * x0; b3 += FN(ld)(w3 + j + VW) * x1;
        }
        for (; j < wide; j += VW) {
            vd x0 = FN(ld)(x + j);
            a0 += FN(ld)(w0 + j) * x0; a1 += FN(ld)(w1 + j) * x0;
            a2 += FN(ld)(w2 + j) * x0; a3 += FN(ld)(w3 + j) * x0;
        }
        double s0 = FN(hsum)(a0 + b0), s1 = FN(hsum)(a1 + b1), s2 = FN(hsum)(a2 + b2), s3 = FN(hsum)(a3 + b3);
        for (; j < cols; j++) {
            double xj = x[j];
            s0 += w0[j] * xj; s1 += w1[j] * xj; s2 += w2[j] * xj; s3 += w3[j] * xj;
        }
        y[r] += s0; y[r + 1] += s1; y[r + 2] += s2; y[r + 3] += s3;
    }
    for (; r < rows; r++) {
        const double *w0 = w + r * cols;
        vd a0 = {0};
        long j = 0;
        for (; j < wide; j += VW) a0 += FN(ld)(w0 + j) * FN(ld)(x + j);
        double s0 = FN(hsum)(a0);
        for (; j < cols; j++) s0 += w0[j] * x[j];
        y[r] += s0;
    }
}

static void FN(mattvec_add)(const double *w, const double *d, double *y, long rows, long cols) {
    long wide = cols - cols % VW;
    long r = 0;
    for (; r + 4 <= rows; r += 4) {
        const double *w0 = w + r * cols, *w1 = w0 + cols, *w2 = w1 + cols, *w3 = w2 + cols;
        double e0 = d[r], e1 = d[r + 1], e2 = d[r + 2], e3 = d[r + 3];
        if (e0 == 0 && e1 == 0 && e2 == 0 && e3 == 0) continue;
        vd d0 = FN(splat)(e0), d1 = FN(splat)(e1), d2 = FN(splat)(e2), d3 = FN(splat)(e3);
        long j = 0;
        for (; j < wide; j += VW) {
            vd v = FN(ld)(y + j);
            v += d0 * FN(ld)(w0 + j);
            v += d1 * FN(ld)(w1 + j);
            v += d2 * FN(ld)(w2 + j);
            v += d3 * FN(ld)(w3 + j);
            FN(st)(y + j, v);
        }
        for (; j < cols; j++) y[j] += e0 * w0[j] + e1 * w1[j] + e2 * w2[j] + e3 * w3[j];
    }
    for (; r < rows; r++) {
        const double *w0 = w + r * cols;
        double e0 = d[r];
        if (e0 == 0) continue;
        vd d0 = FN(splat)(e0);
        long j = 0;
        for (; j < wide; j += VW) FN(st)(y + j, FN(ld)(y + j) + d0 * FN(ld)(w0 + j));
        for (; j < cols; j++) y[j] += e0 * w0[j];
    }
}

static void FN(outer_add)(const double *d, const double *x, double *g, long rows, long cols) {
    long wide = cols - cols % VW;
    for (long r = 0; r < rows; r++) {
        double e = d[r];
        if (e == 0) continue;
        double *row = g + r * cols;
        vd dv = FN(splat)(e);
        long j = 0;
        for (; j < wide; j += VW) FN(st)(row + j, FN(ld)(row + j) + dv * FN(ld)(x + j));
        for (; j < cols; j++) row[j] += e * x[j];
    }
}

/// One 4-row tile of G: columns in steps of 2·VW, then VW, then one at a time.
static inline __attribute__((always_inline)) void FN(outer_block_rows4)(const double *d, long ldd, const double *x, long ldx,
                                                                        double *g, long cols, long count) {
    double *g0 = g, *g1 = g + cols, *g2 = g1 + cols, *g3 = g2 + cols;
    long wide2 = cols - cols % (2 * VW), wide = cols - cols % VW;
    long j = 0;
    for (; j < wide2; j += 2 * VW) {
        vd a0 = FN(ld)(g0 + j), a1 = FN(ld)(g1 + j), a2 = FN(ld)(g2 + j), a3 = FN(ld)(g3 + j);
        vd b0 = FN(ld)(g0 + j + VW), b1 = FN(ld)(g1 + j + VW), b2 = FN(ld)(g2 + j + VW), b3 = FN(ld)(g3 + j + VW);
        const double *dk = d, *xk = x + j;
        for (long k = 0; k < count; k++, dk += ldd, xk += ldx) {
            vd x0 = FN(ld)(xk), x1 = FN(ld)(xk + VW);
            vd d0 = FN(splat)(dk[0]), d1 = FN(splat)(dk[1]), d2 = FN(splat)(dk[2]), d3 = FN(splat)(dk[3]);
            a0 += d0 * x0; b0 += d0 * x1;
            a1 += d1 * x0; b1 += d1 * x1;
            a2 += d2 * x0; b2 += d2 * x1;
            a3 += d3 * x0; b3 += d3 * x1;
        }
        FN(st)(g0 + j, a0); FN(st)(g1 + j, a1); FN(st)(g2 + j, a2); FN(st)(g3 + j, a3);
        FN(st)(g0 + j + VW, b0); FN(st)(g1 + j + VW, b1); FN(st)(g2 + j + VW, b2); FN(st)(g3 + j + VW, b3);
    }
    for (; j < wide; j += VW) {
        vd a0 = FN(ld)(g0 + j), a1 = FN(ld)(g1 + j), a2 = FN(ld)(g2 + j), a3 = FN(ld)(g3 + j);
        const double *dk = d, *xk = x + j;
        for (long k = 0; k < count; k++, dk += ldd, xk += ldx) {
            vd x0 = FN(ld)(xk);
            a0 += FN(splat)(dk[0]) * x0; a1 += FN(splat)(dk[1]) * x0;
            a2 += FN(splat)(dk[2]) * x0; a3 += FN(splat)(dk[3]) * x0;
        }
        FN(st)(g0 + j, a0); FN(st)(g1 + j, a1); FN(st)(g2 + j, a2); FN(st)(g3 + j, a3);
    }
    for (; j < cols; j++) {
        double a0 = g0[j], a1 = g1[j], a2 = g2[j], a3 = g3[j];
        const double *dk = d, *xk = x + j;
        for (long k = 0; k < count; k++, dk += ldd, xk += ldx) {
            double xv = *xk;
            a0 += dk[0] * xv; a1 += dk[1] * xv; a2 += dk[2] * xv; a3 += dk[3] * xv;
        }
        g0[j] = a0; g1[j] = a1; g2[j] = a2; g3[j] = a3;
    }
}

static void FN(outer_block_add)(const double *d, long ldd, const double *x, long ldx, double *g, long rows, long cols, long count) {
    long r = 0;
    for (; r + 4 <= rows; r += 4) FN(outer_block_rows4)(d + r, ldd, x, ldx, g + r * cols, cols, count);
    long wide = cols - cols % VW;
    for (; r < rows; r++) {
        double *row = g + r * cols;
        long j = 0;
        for (; j < wide; j += VW) {
            vd a = FN(ld)(row + j);
            const double *dk = d + r, *xk = x + j;
            for (long k = 0; k < count; k++, dk += ldd, xk += ldx) a += FN(splat)(*dk) * FN(ld)(xk);
            FN(st)(row + j, a);
        }
        for (; j < cols; j++) {
            double a = row[j];
            const double *dk = d + r, *xk = x + j;
            for (long k = 0; k < count; k++, dk += ldd, xk += ldx) a += *dk * *xk;
            row[j] = a;
        }
    }
}

/// e^x lane by lane: x = k·ln 2 + r (Cody–Waite, |r| ≤ ln 2 / 2), e^r by its Taylor series to r¹³
/// (the next term is below 4e-18), then 2^k as two factors so the subnormals come out gradually and
/// only the last multiplication rounds there. NaN stays NaN; above 709.78 gives +inf.
static inline __attribute__((always_inline)) vd FN(expv)(vd x) {
    const vd lo = FN(splat)(-746.0), hi = FN(splat)(710.0);
    x = FN(sel)((vl)(x < lo), lo, x);
    x = FN(sel)((vl)(x > hi), hi, x);
    const vd shifter = FN(splat)(6755399441055744.0);  // 1.5 · 2^52: adding it rounds to an integer
    vd t = x * 1.4426950408889634 + shifter;
    vd k = t - shifter;
    vd r = x - k * 0.6931471803691238;   // ln 2, high part (its low 21 bits are zero: k·hi is exact)
    r = r - k * 1.9082149292705877e-10;  // ln 2, low part
    vd p = FN(splat)(1.0 / 6227020800.0);  // 1/13!
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    vl ki = (vl)t - (vl)shifter;
    vl k1 = ki >> 1, k2 = ki - k1;
    vd s1 = (vd)((k1 + 1023) << 52), s2 = (vd)((k2 + 1023) << 52);
    return p * s1 * s2;
}

static inline __attribute__((always_inline)) vd FN(absv)(vd x) {
    return (vd)((vl)x & (vl){0} + 0x7fffffffffffffffLL);
}

/// σ(x) = 1/(1 + e) for x ≥ 0 and e/(1 + e) below, with e = e^(−|x|) ∈ (0, 1]: no cancellation.
static inline __attribute__((always_inline)) vd FN(sigmoidv)(vd x) {
    vd e = FN(expv)(-FN(absv)(x));
    vd one = FN(splat)(1.0);
    return FN(sel)((vl)(x >= 0), one, e) / (one + e);
}

/// tanh as the scalar `tanhD` computes it: the Maclaurin series below |x| = 0.3, else
/// 1 − 2/(e^(2|x|) + 1) with the sign of x (which rounds to ±1 above 20 and at infinity).
static inline __attribute__((always_inline)) vd FN(tanhv)(vd x) {
    vd a = FN(absv)(x), s = x * x;
    vd p = FN(splat)(-3.927832388331683e-05);
    p = p * s + 9.691537956929451e-05;
    p = p * s + -0.00023912911424355248;
    p = p * s + 0.000590027440945586;
    p = p * s + -0.0014558343870513183;
    p = p * s + 0.003592128036572481;
    p = p * s + -0.008863235529902197;
    p = p * s + 0.021869488536155203;
    p = p * s + -0.05396825396825397;
    p = p * s + 0.13333333333333333;
    p = p * s + -0.3333333333333333;
    vd series = x + x * (s * p);
    series = FN(sel)((vl)(a == 0), x, series);  // ±0 keeps its sign (x + x·(−0) would give +0 for −0)
    vd far = 1.0 - 2.0 / (FN(expv)(a + a) + 1.0);
    vl sign = (vl)x & ((vl){0} + (long long)0x8000000000000000ULL);
    far = (vd)((vl)far | sign);
    return FN(sel)((vl)(a < 0.3), series, far);
}

static void FN(sigmoid)(const double *x, double *y, long n) {
    long k = 0;
    for (; k + VW <= n; k += VW) FN(st)(y + k, FN(sigmoidv)(FN(ld)(x + k)));
    if (k < n) {
        double buf[VW] = {0};
        for (long i = k; i < n; i++) buf[i - k] = x[i];
        vd v = FN(sigmoidv)(FN(ld)(buf));
        for (long i = k; i < n; i++) y[i] = v[i - k];
    }
}

static void FN(tanh)(const double *x, double *y, long n) {
    long k = 0;
    for (; k + VW <= n; k += VW) FN(st)(y + k, FN(tanhv)(FN(ld)(x + k)));
    if (k < n) {
        double buf[VW] = {0};
        for (long i = k; i < n; i++) buf[i - k] = x[i];
        vd v = FN(tanhv)(FN(ld)(buf));
        for (long i = k; i < n; i++) y[i] = v[i - k];
    }
}

/// `ROWS` rows (1…4) of out += A·M over columns j0 ..< j0 + 2·VW: the tile's sums stay in registers
/// while k runs in order, then are added to out once.
static inline __attribute__((always_inline)) void FN(gemm_tile2)(const double *a, const double *m, double *out, long rows,
                                                                 long k_count, long n, long j0) {
    vd s00 = {0}, s01 = {0}, s10 = {0}, s11 = {0}, s20 = {0}, s21 = {0}, s30 = {0}, s31 = {0};
    const double *a0 = a, *a1 = a + (rows > 1 ? k_count : 0), *a2 = a + (rows > 2 ? 2 * k_count : 0), *a3 = a + (rows > 3 ? 3 * k_count : 0);
    const double *mk = m + j0;
    for (long k = 0; k < k_count; k++, mk += n) {
        vd m0 = FN(ld)(mk), m1 = FN(ld)(mk + VW);
        vd x0 = FN(splat)(a0[k]), x1 = FN(splat)(a1[k]), x2 = FN(splat)(a2[k]), x3 = FN(splat)(a3[k]);
        s00 += x0 * m0; s01 += x0 * m1;
        s10 += x1 * m0; s11 += x1 * m1;
        s20 += x2 * m0; s21 += x2 * m1;
        s30 += x3 * m0; s31 += x3 * m1;
    }
    double *o = out + j0;
    FN(st)(o, FN(ld)(o) + s00); FN(st)(o + VW, FN(ld)(o + VW) + s01);
    if (rows > 1) { o += n; FN(st)(o, FN(ld)(o) + s10); FN(st)(o + VW, FN(ld)(o + VW) + s11); }
    if (rows > 2) { o += n; FN(st)(o, FN(ld)(o) + s20); FN(st)(o + VW, FN(ld)(o + VW) + s21); }
    if (rows > 3) { o += n; FN(st)(o, FN(ld)(o) + s30); FN(st)(o + VW, FN(ld)(o + VW) + s31); }
}

/// out[i, j] += Σ_k A[i, k] · M[k, j] (A: rows × k_count, M: k_count × n, out: rows × n, row-major and
/// dense): tiles of 4 rows × 2 vectors in registers, then one vector, then single columns; k in order.
static void FN(gemm_add)(const double *a, const double *m, double *out, long rows, long k_count, long n) {
    long wide2 = n - n % (2 * VW), wide = n - n % VW;
    for (long i = 0; i < rows; i += 4) {
        long r = rows - i < 4 ? rows - i : 4;
        const double *ai = a + i * k_count;
        double *oi = out + i * n;
        long j = 0;
        for (; j < wide2; j += 2 * VW) FN(gemm_tile2)(ai, m, oi, r, k_count, n, j);
        for (; j < wide; j += VW) {
            for (long q = 0; q < r; q++) {
                vd s = {0};
                const double *aq = ai + q * k_count, *mk = m + j;
                for (long k = 0; k < k_count; k++, mk += n) s += FN(splat)(aq[k]) * FN(ld)(mk);
                FN(st)(oi + q * n + j, FN(ld)(oi + q * n + j) + s);
            }
        }
        for (; j < n; j++) {
            for (long q = 0; q < r; q++) {
                double s = 0;
                const double *aq = ai + q * k_count;
                for (long k = 0; k < k_count; k++) s += aq[k] * m[k * n + j];
                oi[q * n + j] += s;
            }
        }
    }
}

static const unroll_kernel_table FN(table) = {
    FN(matvec_add), FN(mattvec_add), FN(outer_add), FN(outer_block_add), FN(sigmoid), FN(tanh), FN(gemm_add),
};

#undef vd
#undef vl
#undef FN
#undef UK_CAT
#undef UK_CAT2
