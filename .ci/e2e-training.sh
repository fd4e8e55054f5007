#!/usr/bin/env bash
# End-to-end check of watchable training on the real binary, in tmux (issue 14's "done when"):
# in lesson 9 step 9, `t` shows the per-step loss of this sentence decreasing over at least two
# seconds at the default pace; space freezes it (two captures equal); `.` moves it by one update.
#
# Usage:  .ci/e2e-training.sh BINARY
# Prints one "ok - …" / "not ok - …" line per check and finally "N passed, M failed"; exits 1 on a failure.
set -u
BIN=${1:?usage: .ci/e2e-training.sh BINARY}
command -v tmux >/dev/null || { echo "tmux not found" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/e2e-training.XXXXXX")
SOCK="$WORK/tmux.sock"
T=(tmux -S "$SOCK" -f /dev/null)
trap '"${T[@]}" kill-server >/dev/null 2>&1; rm -rf "$WORK"' EXIT
passed=0; failed=0
check() { local name=$1; shift; if "$@"; then echo "ok - $name"; passed=$((passed + 1)); else echo "not ok - $name"; failed=$((failed + 1)); fi; }
capture() { "${T[@]}" capture-pane -p -t e2e; }
# The per-step loss total ("total loss = sum over steps = X") and the update count on screen.
total() { capture | sed -n 's/.*total loss = sum over steps = \([0-9.e+-]*\).*/\1/p' | head -1; }
updates() { capture | sed -n 's/.*update \([0-9]*\) · epoch.*/\1/p' | head -1; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }'; }
wait_for() { local text=$1 i; for i in $(seq 1 100); do capture | grep -qF -- "$text" && return 0; sleep 0.1; done; return 1; }

"${T[@]}" new-session -d -s e2e -x 120 -y 40 \
  "env -u NO_COLOR TERM=tmux-256color LANG=C.UTF-8 HOME=$WORK UNROLL_NO_MOTION=1 $BIN lesson 09-bptt --step 9"
check "lesson 9 step 9 opens" wait_for "Your turn: train"
check "the step's loss plot is shown" wait_for "total loss = sum over steps"
before=$(total)
"${T[@]}" send-keys -t e2e t
check "t trains on this sentence" wait_for "training on this sentence"
sleep 0.5; early=$(total); early_updates=$(updates)
sleep 2.0; late=$(total); late_updates=$(updates)
check "the per-step loss falls after t ($before → $early)" less "$early" "$before"
check "and keeps falling over two more seconds ($early → $late)" less "$late" "$early"
check "at a human pace: 10–80 updates in 2 s (20/s by default) ($early_updates → $late_updates)" \
  awk -v a="$early_updates" -v b="$late_updates" 'BEGIN { d = b - a; exit !(d >= 10 && d <= 80) }'
"${T[@]}" send-keys -t e2e Space
check "space pauses" wait_for "· paused"
sleep 0.3; one=$(capture); sleep 1.0; two=$(capture)
check "paused: two captures a second apart are equal" test "$one" = "$two"
paused_updates=$(updates); paused_total=$(total)
"${T[@]}" send-keys -t e2e .
check ". does one update" wait_for "update $((paused_updates + 1)) · epoch"
sleep 0.5
check ". does exactly one update" test "$(updates)" = "$((paused_updates + 1))"
check ". moves the per-step loss ($paused_total → $(total))" test "$(total)" != "$paused_total"
"${T[@]}" send-keys -t e2e q
sleep 0.5
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
