// Runs before the Swift runtime reads its environment: in a binary with the runtime linked in
// statically (the installed `unroll`), a constructor of priority 101 runs before the runtime's
// own initialisers (default priority), so SWIFT_BACKTRACE set here takes effect without the
// cost of re-executing the process (one more exec of an 87 MB binary, about 15-20 ms).
//
// When the runtime is a shared library (a debug build), it has initialised before this
// executable's constructors run; then nothing is set here and `CrashReport` re-executes instead.
#define _GNU_SOURCE
#include "CUnrollStartup.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern void *swift_retain(void *);

static int configured = 0;

int unroll_startup_configured_backtrace(void) { return configured; }

int unroll_startup_static_runtime(void) {
    Dl_info info;
    return !(dladdr((void *)&swift_retain, &info) != 0 && info.dli_fname != NULL &&
             strstr(info.dli_fname, "libswiftCore") != NULL);
}

/// Whether the backtracer is where a statically linked runtime looks for it: beside the binary or
/// under its root (the binary's folder's parent), per the Swift runtime's backtracing guide.
static int backtracer_installed(void) {
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL) return 0;
    *slash = '\0';                               // exe: the binary's folder
    char root[4096];
    snprintf(root, sizeof root, "%s", exe);
    slash = strrchr(root, '/');
    if (slash != NULL) *slash = '\0';            // root: its parent ("" for /)
    const char *places[] = {
        "%s/libexec/swift/linux/swift-backtrace", "%s/libexec/swift/linux/x86_64/swift-backtrace",
        "%s/libexec/swift/linux/aarch64/swift-backtrace", "%s/libexec/swift/swift-backtrace",
        "%s/bin/swift-backtrace", "%s/swift-backtrace",
    };
    char path[4200];
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        snprintf(path, sizeof path, places[i], root);
        if (access(path, X_OK) == 0) return 1;
    }
    snprintf(path, sizeof path, "%s/swift-backtrace", exe);
    return access(path, X_OK) == 0;
}

/// mkdir -p with mode 0700; 0 on success.
static int make_folders(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        int failed = mkdir(path, 0700) != 0 && errno != EEXIST;
        *p = '/';
        if (failed) return -1;
    }
    return (mkdir(path, 0700) != 0 && errno != EEXIST) ? -1 : 0;
}

__attribute__((constructor(101))) static void unroll_backtrace_defaults(void) {
    if (getenv("SWIFT_BACKTRACE") != NULL) return;           // the user's choice wins
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) return;  // no prompt without a terminal
    if (!unroll_startup_static_runtime()) return;             // shared runtime: too late here
    if (!backtracer_installed()) return;                        // no backtracer: no prompt, no report
    char folder[4096];
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (state != NULL && state[0] == '/') n = snprintf(folder, sizeof folder, "%s/unroll/crashes", state);
    else if (home != NULL && home[0] == '/') n = snprintf(folder, sizeof folder, "%s/.local/state/unroll/crashes", home);
    else return;
    if (n <= 0 || (size_t)n >= sizeof folder || strchr(folder, ',') != NULL) return;
    if (make_folders(folder) != 0) return;
    char settings[4200];
    n = snprintf(settings, sizeof settings, "interactive=no,output-to=%s", folder);
    if (n <= 0 || (size_t)n >= sizeof settings) return;
    if (setenv("SWIFT_BACKTRACE", settings, 0) != 0) return;
    if (setenv("UNROLL_CRASH_REPORTS", folder, 0) != 0) { unsetenv("SWIFT_BACKTRACE"); return; }
    configured = 1;
}
