// The kernel tables (plain; AVX2 + FMA and AVX-512 on x86-64) and the choice among them at start-up.
#include "CUnrollKernels.h"

#include <stdlib.h>
#include <string.h>

// Plain: two-double vectors, which every x86-64 (SSE2) and arm64 (NEON) has.
#define VW 2
#define SUFFIX plain
#include "kernels_body.h"
#undef VW
#undef SUFFIX

#if defined(__x86_64__) && defined(__clang__)
#define UNROLL_KERNELS_X86 1
#include <cpuid.h>

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define VW 4
#define SUFFIX avx2
#include "kernels_body.h"
#undef VW
#undef SUFFIX
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx2,fma"))), apply_to = function)
#define VW 8
#define SUFFIX avx512
#include "kernels_body.h"
#undef VW
#undef SUFFIX
#pragma clang attribute pop

/// XCR0: which register states the operating system saves (and so lets programs use).
static unsigned long long unroll_xcr0(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

/// The widest level this CPU and its operating system support.
static int unroll_cpu_level(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return UNROLL_KERNELS_PLAIN;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!(fma && osxsave && avx)) return UNROLL_KERNELS_PLAIN;
    unsigned long long xcr0 = unroll_xcr0();
    if ((xcr0 & 0x6) != 0x6) return UNROLL_KERNELS_PLAIN;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return UNROLL_KERNELS_PLAIN;
    int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1, avx512dq = (b >> 17) & 1;
    if (!avx2) return UNROLL_KERNELS_PLAIN;
    if (avx512f && avx512dq && (xcr0 & 0xe0) == 0xe0) return UNROLL_KERNELS_AVX512;
    return UNROLL_KERNELS_AVX2;
}
#else
static int unroll_cpu_level(void) { return UNROLL_KERNELS_PLAIN; }
#endif

static const char *const unroll_level_names[UNROLL_KERNELS_LEVELS] = {"plain", "avx2", "avx512"};

static int unroll_supported = -1;  // the widest supported level, set at start-up
static int unroll_level = UNROLL_KERNELS_PLAIN;
static const unroll_kernel_table *unroll_active = &table_plain;

const char *unroll_kernels_name(int level) {
    return level >= 0 && level < UNROLL_KERNELS_LEVELS ? unroll_level_names[level] : "unknown";
}

static int unroll_kernels_supported(void) {
    if (unroll_supported < 0) unroll_supported = unroll_cpu_level();
    return unroll_supported;
}

const unroll_kernel_table *unroll_kernels_table(int level) {
    if (level < 0 || level > unroll_kernels_supported()) return NULL;
    switch (level) {
    case UNROLL_KERNELS_PLAIN: return &table_plain;
#if defined(UNROLL_KERNELS_X86)
    case UNROLL_KERNELS_AVX2: return &table_avx2;
    case UNROLL_KERNELS_AVX512: return &table_avx512;
#endif
    default: return NULL;
    }
}

/// The default among the supported levels. AVX2 + FMA rather than AVX-512 where both exist: on the
/// machines measured (Zen 4, which splits 512-bit operations in two) AVX-512 was no faster at
/// H = 256 and slower at H = 8 (`unroll bench`, README), and it lowers the clock on some Intel parts.
static int unroll_default_level(int supported) {
    return supported >= UNROLL_KERNELS_AVX2 ? UNROLL_KERNELS_AVX2 : supported;
}

__attribute__((constructor)) static void unroll_kernels_choose(void) {
    int supported = unroll_kernels_supported();
    int level = unroll_default_level(supported);
    const char *wanted = getenv("UNROLL_KERNELS");
    if (wanted) {
        for (int k = 0; k < UNROLL_KERNELS_LEVELS; k++) {
            if (strcmp(wanted, unroll_level_names[k]) == 0 && k <= supported) level = k;
        }
    }
    const unroll_kernel_table *table = unroll_kernels_table(level);
    if (table) {
        unroll_level = level;
        unroll_active = table;
    }
}

int unroll_kernels_level(void) { return unroll_level; }

void unroll_matvec_add(const double *w, const double *x, double *y, long rows, long cols) {
    unroll_active->matvec_add(w, x, y, rows, cols);
}
void unroll_mattvec_add(const double *w, const double *d, double *y, long rows, long cols) {
    unroll_active->mattvec_add(w, d, y, rows, cols);
}
void unroll_outer_add(const double *d, const double *x, double *g, long rows, long cols) {
    unroll_active->outer_add(d, x, g, rows, cols);
}
void unroll_outer_block_add(const double *d, long ldd, const double *x, long ldx, double *g, long rows, long cols, long count) {
    unroll_active->outer_block_add(d, ldd, x, ldx, g, rows, cols, count);
}
void unroll_sigmoid(const double *x, double *y, long n) { unroll_active->sigmoid(x, y, n); }
void unroll_tanh(const double *x, double *y, long n) { unroll_active->tanh(x, y, n); }
void unroll_gemm_add(const double *a, const double *m, double *out, long rows, long k_count, long n) {
    unroll_active->gemm_add(a, m, out, rows, k_count, n);
}
