#!/usr/bin/env bash
# End-to-end check of motion on the real binary, in tmux (issue 12's "done when"): with motion on,
# stepping the lab, a lesson's chain and the BPTT screen flows for at most 300 ms and then stands
# still on exactly the frame `--no-motion` shows at once (no bead left, the cursor's box moved),
# and the idle tutor uses no CPU after a flow.
#
# Usage:  .ci/e2e-motion.sh BINARY
# Prints one "ok - …" / "not ok - …" line per check and finally "N passed, M failed"; exits 1 on a failure.
set -u
BIN=${1:?usage: .ci/e2e-motion.sh BINARY}
[ -x "$BIN" ] || { echo "not executable: $BIN" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux not found" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/e2e-motion.XXXXXX")
SOCK="$WORK/tmux.sock"
T=(tmux -S "$SOCK" -f /dev/null)
trap '"${T[@]}" kill-server >/dev/null 2>&1; rm -rf "$WORK"' EXIT
passed=0; failed=0
check() { local name=$1; shift; if "$@"; then echo "ok - $name"; passed=$((passed + 1)); else echo "not ok - $name"; failed=$((failed + 1)); fi; }
capture() { "${T[@]}" capture-pane -p -t "$1"; }
wait_for() { local s=$1 text=$2 i; for i in $(seq 1 100); do capture "$s" | grep -qF -- "$text" && return 0; sleep 0.1; done; return 1; }
no_bead() { ! capture "$1" | grep -qF "●"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null; }
# The binary's pid: the pane's own process (env execs the binary).
app_pid() { "${T[@]}" display-message -p -t "$1" '#{pane_pid}'; }

# Starts session NAME (WIDTHxHEIGHT) running the binary with ARGS, motion on unless the args say otherwise.
start() {
    local name=$1 w=$2 h=$3; shift 3
    "${T[@]}" new-session -d -s "$name" -x "$w" -y "$h" \
        "env -u NO_COLOR -u UNROLL_NO_MOTION TERM=tmux-256color LANG=C.UTF-8 HOME=$WORK $(printf '%q ' "$BIN" "$@")"
}
keys() { local s=$1; shift; "${T[@]}" send-keys -t "$s" "$@"; }

LAB=(lab "$ROOT/Tests/UnrollCoreTests/Fixtures/book-lstm.model.json" --input "Jane saw Spot . Doug saw")

# The lab: → flows into t=2, then stands still.
start lab 100 30 "${LAB[@]}"
start labstill 100 30 "${LAB[@]}" --no-motion
check "the lab opens" wait_for lab "every unit, every gate"
wait_for labstill "every unit, every gate" >/dev/null
keys lab Right; keys labstill Right
check "→ moves the lab's cursor" wait_for lab "┏t=2"
sleep 0.5
check "the flow has ended: no bead on the lab's chain" no_bead lab
check "the lab's final frame is the --no-motion frame" test "$(capture lab)" = "$(capture labstill)"
pid=$(app_pid lab)
if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
    a=$(cpu_ticks "$pid"); sleep 2; b=$(cpu_ticks "$pid")
    check "idle CPU ≈ 0 after a flow ($((b - a)) ticks in 2 s)" [ $((b - a)) -le 4 ]
fi
# The explanation points at the chain: the h arrow into the cursor's box, the token under it.
keys lab e
check "e: the chain marks the explained terms' token" wait_for lab "▸saw◂"
keys lab Escape

# BPTT on a tall screen (the chain in gradient mode): ← flows the gradient back into t, then stands still.
start bptt 120 40 "${LAB[@]}"
start bpttstill 120 40 "${LAB[@]}" --no-motion
wait_for bptt "every unit, every gate" >/dev/null; wait_for bpttstill "every unit, every gate" >/dev/null
keys bptt End; keys bpttstill End; keys bptt a; keys bpttstill a
check "a opens BPTT on the lab's run" wait_for bptt "Unroll · BPTT"
wait_for bpttstill "Unroll · BPTT" >/dev/null
keys bptt Left; keys bpttstill Left
check "← moves the BPTT cursor" wait_for bptt "┏t=5"
sleep 0.5
check "the gradient's flow has ended: no bead" no_bead bptt
check "the BPTT final frame is the --no-motion frame" test "$(capture bptt)" = "$(capture bpttstill)"

# A lesson's chain: l steps along it with the same flow; then the next lesson step.
start lesson 100 30 lesson 06-book-rnn --step 3
start lessonstill 100 30 lesson 06-book-rnn --step 3 --no-motion
check "the lesson opens at step 3" wait_for lesson "step 3/"
wait_for lessonstill "step 3/" >/dev/null
keys lesson l; keys lessonstill l
check "l moves the lesson chain's cursor" wait_for lesson "┏t=2"
sleep 0.5
check "the lesson's flow has ended: no bead" no_bead lesson
check "the lesson's final frame is the --no-motion frame" test "$(capture lesson)" = "$(capture lessonstill)"
keys lesson PageDown
check "PageDown: the next lesson step" wait_for lesson "step 4/"

for s in lab labstill bptt bpttstill lesson lessonstill; do keys "$s" q; done
sleep 0.3
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
