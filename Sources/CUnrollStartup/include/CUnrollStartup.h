#ifndef CUNROLL_STARTUP_H
#define CUNROLL_STARTUP_H

/// 1 when the startup constructor set SWIFT_BACKTRACE before the Swift runtime read it (a binary
/// with the runtime linked in statically); 0 when it left the environment alone.
int unroll_startup_configured_backtrace(void);

/// 1 when the Swift runtime is linked into this executable (not a shared libswiftCore).
int unroll_startup_static_runtime(void);

#endif
