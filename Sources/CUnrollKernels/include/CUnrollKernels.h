#ifndef CUNROLL_KERNELS_H
#define CUNROLL_KERNELS_H

/// Dense float64 kernels of the compute core, compiled for several instruction sets and chosen at
/// run time from what the CPU reports (plain C everywhere; AVX2 + FMA and AVX-512 on x86-64).
/// Every matrix is row-major and contiguous. The same binary on the same CPU gives the same bits.

/// The instruction sets a kernel table is compiled for.
#define UNROLL_KERNELS_PLAIN 0
#define UNROLL_KERNELS_AVX2 1
#define UNROLL_KERNELS_AVX512 2
#define UNROLL_KERNELS_LEVELS 3

/// One instruction set's kernels.
typedef struct unroll_kernel_table {
    /// y[r] += Σ_j W[r, j] · x[j].
    void (*matvec_add)(const double *w, const double *x, double *y, long rows, long cols);
    /// y[j] += Σ_r W[r, j] · d[r].
    void (*mattvec_add)(const double *w, const double *d, double *y, long rows, long cols);
    /// G[r, j] += d[r] · x[j].
    void (*outer_add)(const double *d, const double *x, double *g, long rows, long cols);
    /// G[r, j] += Σ_{k < count} D[k·ldd + r] · X[k·ldx + j]: `count` outer products at once, k in order.
    void (*outer_block_add)(const double *d, long ldd, const double *x, long ldx, double *g, long rows, long cols, long count);
    /// y[k] = σ(x[k]) (within a few ulp relative).
    void (*sigmoid)(const double *x, double *y, long n);
    /// y[k] = tanh(x[k]) (within a few ulp relative).
    void (*tanh)(const double *x, double *y, long n);
    /// out[i, j] += Σ_k A[i, k] · M[k, j] (A: rows × k_count, M: k_count × n), k in order.
    void (*gemm_add)(const double *a, const double *m, double *out, long rows, long k_count, long n);
} unroll_kernel_table;

/// The table for `level`, or NULL when this CPU (or this build) cannot run it.
const unroll_kernel_table *unroll_kernels_table(int level);

/// The level the core runs: the widest this CPU supports, or UNROLL_KERNELS=plain|avx2|avx512
/// from the environment at start-up when that level is supported.
int unroll_kernels_level(void);

/// The name of a level ("plain", "avx2", "avx512").
const char *unroll_kernels_name(int level);

/// The active table's kernels (one indirect jump each).
void unroll_matvec_add(const double *w, const double *x, double *y, long rows, long cols);
void unroll_mattvec_add(const double *w, const double *d, double *y, long rows, long cols);
void unroll_outer_add(const double *d, const double *x, double *g, long rows, long cols);
void unroll_outer_block_add(const double *d, long ldd, const double *x, long ldx, double *g, long rows, long cols, long count);
void unroll_sigmoid(const double *x, double *y, long n);
void unroll_tanh(const double *x, double *y, long n);
void unroll_gemm_add(const double *a, const double *m, double *out, long rows, long k_count, long n);

#endif
