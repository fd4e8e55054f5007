#!/usr/bin/env bash
# End-to-end test of a full-screen binary in a real terminal (tmux), as the terminal notes say.
#
# Usage:  .ci/e2e-tmux.sh [--hooks FILE] BINARY [ARGS...]
#
# Each case starts `BINARY ARGS` in a detached 100x30 tmux session (own socket, -f /dev/null,
# TERM=tmux-256color LANG=C.UTF-8 NCURSES_NO_UTF8_ACS=1). A wrapper in the pane records
# `stty -g` before the binary starts and after it ends, and the exit status. Cases:
#   quit      first frame, idle CPU ≈ 0, e2e_interact, resize to 60x20, 20x5 and back to 100x30,
#             quit keys → expected status; stty unchanged, alternate screen off, cursor visible
#   sigterm   kill -TERM → 143, terminal restored
#   ctrl-c    C-c typed into the pane → 130, terminal restored
#   sighup    kill -HUP → 129, terminal restored
#   hangup    tmux kill-pane (the tty goes away) → the process exits within 3 s (no spin)
#   suspend   in an interactive bash: ^Z → terminal restored while stopped; fg → repainted;
#             quit keys → expected status, terminal restored
#   crash     e2e_crash_keys (skipped when empty) → the binary traps, terminal restored
#
# What the app shows and which keys it takes are the HOOKS below: the defaults are generic
# (a non-blank screen, `q` quits with 0). Override them in a file passed with --hooks FILE
# (sourced after the defaults); helpers for hooks: send_keys KEY..., expect_screen TEXT [NAME],
# screen, check NAME COMMAND...
# For example, a hooks file for a tutor app might read:
#   e2e_initial_text() { echo "Unroll"; }
#   e2e_interact() { send_keys Right; expect_screen "t = 1" "step forward"; }
#   e2e_check_resized() { [ "$1" -ge 40 ] || expect_screen "too small"; }
# Needs tmux (3.x), bash, pgrep, awk; Linux /proc for the CPU and zombie checks.
# Prints one "ok - …" / "not ok - …" line per check and finally "N passed, M failed";
# exits 1 when a check failed, 2 on a usage error.
set -u

# ---------------------------------------------------------------- hooks (fill in for the app)
e2e_initial_text() { echo ""; }          # text on the first frame ("" = any non-blank screen)
e2e_interact() { :; }                     # keys and screen checks while at 100x30
e2e_check_resized() { :; }                # $1=width $2=height: extra checks after a resize
e2e_quit_keys() { echo q; }               # tmux send-keys arguments that quit
e2e_quit_status() { echo 0; }             # the exit status after those keys
e2e_crash_keys() { echo ""; }             # keys that make the binary trap ("" = skip the case)

# ---------------------------------------------------------------- arguments
HOOKS=""
if [ "${1:-}" = "--hooks" ]; then HOOKS="${2:-}"; shift 2 || true; fi
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 [--hooks FILE] BINARY [ARGS...]   (BINARY must be executable)" >&2
    exit 2
fi
command -v tmux >/dev/null || { echo "tmux not found" >&2; exit 2; }
if [ -n "$HOOKS" ]; then
    # shellcheck source=/dev/null
    . "$HOOKS" || { echo "cannot source $HOOKS" >&2; exit 2; }
fi
BINARY=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); shift
ARGS=("$@")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/e2e-tmux.XXXXXX")
SOCK="$WORK/tmux-0.sock"   # one server per case (a fresh socket avoids racing a dying server)
T=(tmux -S "$SOCK" -f /dev/null)
CASES=0
PASSED=0
FAILED=0
cleanup() {
    local s
    for s in "$WORK"/tmux-*.sock; do [ -S "$s" ] && tmux -S "$s" kill-server >/dev/null 2>&1; done
    rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------- helpers
ok() { PASSED=$((PASSED + 1)); echo "ok - $CASE: $1"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $CASE: $1${2:+ ($2)}"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
screen() { "${T[@]}" capture-pane -p -t e2e 2>/dev/null; }
send_keys() { "${T[@]}" send-keys -t e2e "$@"; sleep 0.15; }
fmt() { "${T[@]}" display-message -p -t e2e "$1" 2>/dev/null; }
running() { [ ! -e "$WORK/status" ]; }

# Polls the screen for TEXT for up to 5 s (blank TEXT: any non-blank screen).
wait_screen() {
    local text=$1 i
    for i in $(seq 50); do
        if [ -z "$text" ]; then screen | grep -q '[^[:space:]]' && return 0
        else screen | grep -qF -- "$text" && return 0; fi
        sleep 0.1
    done
    return 1
}
expect_screen() {
    local text=$1 name=${2:-"screen shows '$1'"}
    if wait_screen "$text"; then ok "$name"; else not_ok "$name"; screen | sed 's/^/    | /'; fi
}

# Waits up to 5 s for the binary to end; prints its exit status.
wait_exit() {
    local i
    for i in $(seq 50); do [ -s "$WORK/status" ] && { cat "$WORK/status"; return 0; }; sleep 0.1; done
    echo "still-running"
}

# The binary's pid: the pane's wrapper shell's child.
app_pid() { local p; p=$(fmt '#{pane_pid}'); [ -n "$p" ] && pgrep -P "$p" | head -n 1; }

ENVIRONMENT=(env -u LC_ALL -u NO_COLOR -u UNROLL_NO_MOTION TERM=tmux-256color LANG=C.UTF-8 NCURSES_NO_UTF8_ACS=1
             SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-interactive=no}")

# Starts a fresh session running the wrapper around the binary (in an interactive bash with
# job control when the second argument is "interactive").
start() {
    CASE=$1
    "${T[@]}" kill-server >/dev/null 2>&1
    CASES=$((CASES + 1))
    SOCK="$WORK/tmux-$CASES.sock"
    T=(tmux -S "$SOCK" -f /dev/null)
    rm -f "$WORK/before" "$WORK/after" "$WORK/status"
    cat >"$WORK/run.sh" <<'EOF'
#!/bin/sh
w=$1; shift
trap : INT QUIT   # the shell survives ^C; the binary still gets the default (exec resets caught signals)
stty -g >"$w/before"
"$@"
status=$?
stty -g >"$w/after"
echo "$status" >"$w/status.tmp" && mv "$w/status.tmp" "$w/status"
exec sleep 600
EOF
    chmod +x "$WORK/run.sh"
    if [ "${2:-}" = interactive ]; then
        "${T[@]}" new-session -d -s e2e -x 100 -y 30 "${ENVIRONMENT[@]}" PS1='$ ' bash --norc --noprofile -i
        sleep 0.3
        # The binary runs as bash's own job (under a wrapper shell, bash would see the wrapper
        # stop at ^Z before the binary has restored the terminal). stty and the status are
        # recorded by separate command lines; finish_interactive writes the rest.
        "${T[@]}" send-keys -t e2e "stty -g >$(printf '%q' "$WORK/before")" Enter
        "${T[@]}" send-keys -t e2e "$(printf '%q ' "$BINARY" "${ARGS[@]}")" Enter
        [ -n "$(e2e_initial_text)" ] || sleep 1  # a prompt is not a first frame
    else
        "${T[@]}" new-session -d -s e2e -x 100 -y 30 "${ENVIRONMENT[@]}" "$WORK/run.sh" "$WORK" "$BINARY" "${ARGS[@]}"
    fi
    if wait_screen "$(e2e_initial_text)"; then ok "first frame"; else not_ok "first frame"; screen | sed 's/^/    | /'; fi
}

# After the binary of an interactive case ended: record its status and stty, as run.sh does.
finish_interactive() {
    local w; w=$(printf '%q' "$WORK")
    "${T[@]}" send-keys -t e2e "s=\$?; stty -g >$w/after; echo \$s >$w/status.tmp; mv $w/status.tmp $w/status" Enter
}

# Checks the binary ended with STATUS and left the terminal as it found it.
expect_restored() {
    local want=$1 got
    got=$(wait_exit)
    check "exit status $want (got $got)" [ "$got" = "$want" ]
    check "stty -g unchanged" cmp -s "$WORK/before" "$WORK/after"
    check "alternate screen off" [ "$(fmt '#{alternate_on}')" = "0" ]
    check "cursor visible" [ "$(fmt '#{cursor_flag}')" = "1" ]
}

# CPU seconds (in clock ticks) the process has used.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }

resize() {
    local w=$1 h=$2
    "${T[@]}" resize-window -t e2e -x "$w" -y "$h"
    sleep 0.3
    check "alive after resize to ${w}x$h" running
    check "screen ${w}x$h not blank" wait_screen ""
    e2e_check_resized "$w" "$h"
}

# ---------------------------------------------------------------- cases
start quit
pid=$(app_pid)
if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
    a=$(cpu_ticks "$pid"); sleep 2; b=$(cpu_ticks "$pid")
    check "idle CPU ≈ 0 ($((b - a)) ticks in 2 s)" [ $((b - a)) -le 4 ]
fi
e2e_interact
resize 60 20
resize 20 5
resize 100 30
# shellcheck disable=SC2046
send_keys $(e2e_quit_keys)
expect_restored "$(e2e_quit_status)"

start sigterm
pid=$(app_pid)
check "found the process" [ -n "$pid" ]
[ -n "$pid" ] && kill -TERM "$pid"
expect_restored 143

start ctrl-c
send_keys C-c
expect_restored 130

start sighup
pid=$(app_pid)
[ -n "$pid" ] && kill -HUP "$pid"
expect_restored 129

start hangup
pid=$(app_pid)
"${T[@]}" kill-pane -t e2e
gone=no
# Exited = no such process, or a zombie its parent has not reaped yet.
exited() {
    if [ -r "/proc/$1/stat" ]; then [ "$(awk '{ print $3 }' "/proc/$1/stat")" = Z ]
    else ! kill -0 "$1" 2>/dev/null; fi
}
for i in $(seq 30); do [ -n "$pid" ] && exited "$pid" && { gone=yes; break; }; sleep 0.1; done
check "process exited after the tty closed (${i}00 ms)" [ "$gone" = yes ]
[ "$gone" = yes ] || { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; }

start suspend interactive
send_keys C-z
check "stopped" wait_screen "Stopped"
check "alternate screen off while stopped" [ "$(fmt '#{alternate_on}')" = "0" ]
check "cursor visible while stopped" [ "$(fmt '#{cursor_flag}')" = "1" ]
send_keys fg Enter
sleep 0.3
check "alternate screen back after fg" [ "$(fmt '#{alternate_on}')" = "1" ]
check "repainted after fg" wait_screen "$(e2e_initial_text)"
# shellcheck disable=SC2046
send_keys $(e2e_quit_keys)
sleep 0.3
finish_interactive
expect_restored "$(e2e_quit_status)"

if [ -n "$(e2e_crash_keys)" ]; then
    start crash
    # shellcheck disable=SC2046
    send_keys $(e2e_crash_keys)
    got=$(wait_exit)
    trapped() { [ "$got" != still-running ] && [ "$got" -ge 128 ] 2>/dev/null; }
    check "trapped (status $got ≥ 128)" trapped
    check "stty -g unchanged" cmp -s "$WORK/before" "$WORK/after"
    check "alternate screen off" [ "$(fmt '#{alternate_on}')" = "0" ]
    check "cursor visible" [ "$(fmt '#{cursor_flag}')" = "1" ]
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
