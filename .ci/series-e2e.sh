#!/usr/bin/env bash
# End to end: the README's time-series and own-text paths on the built binary, with the committed
# example files (examples/temperature.csv, examples/story.txt). Usage: .ci/series-e2e.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${1:-.build/debug/unroll}")"
work="$(mktemp -d)"
session="unroll-series-e2e-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "series-e2e: $*" >&2; exit 1; }

# 1. A seeded wave → a forecaster; the same seed gives the same file.
"$bin" train wave --seed 0 --hidden 8 --epochs 200 --out "$work/wave.json" 2>"$work/wave.err" >"$work/wave.out"
grep -q '"held_out_mse"' "$work/wave.out" || fail "train wave printed no held_out_mse"
grep -q 'epoch 200/200' "$work/wave.err" || fail "train wave showed no progress"
"$bin" train wave --seed 0 --hidden 8 --epochs 200 --out "$work/wave2.json" 2>/dev/null >/dev/null
cmp -s "$work/wave.json" "$work/wave2.json" || fail "train wave is not reproducible for one seed"

# 2. The time-series lab on it: the plain report, then the full screen in tmux at 80×24 (NO_COLOR).
"$bin" lab series "$work/wave.json" --plain >"$work/lab.txt"
grep -q 'forecast from step 48: 23 steps' "$work/lab.txt" || fail "lab series --plain: no forecast summary"
tmux new-session -d -s "$session" -x 80 -y 24 "NO_COLOR=1 '$bin' lab series '$work/wave.json'; sleep 30"
screen=""
for _ in $(seq 1 50); do
  screen="$(tmux capture-pane -t "$session" -p)"
  grep -q 'one step ahead' <<<"$screen" && break
  sleep 0.2
done
grep -q 'one step ahead' <<<"$screen" || { echo "$screen" >&2; fail "lab series: no plot legend on the screen"; }
grep -q 'forecast (fed itself)' <<<"$screen" || fail "lab series: the forecast is not fed its own predictions"
tmux send-keys -t "$session" o
sleep 0.5
tmux capture-pane -t "$session" -p | grep -q 'forecast (fed nothing)' || fail "lab series: o did not switch the feeding"
tmux send-keys -t "$session" q

# 3. The forecast through unroll trace: each ? step is fed the previous prediction.
"$bin" trace "$work/wave.json" --input "0.1 0.5 0.9 ? ?" --feed-predictions >"$work/trace.json"
grep -q '"outputs"' "$work/trace.json" || fail "trace of the forecaster has no outputs"

# 4. A user's CSV column; bad CSVs are one line and exit 65.
"$bin" train csv examples/temperature.csv --column temperature --out "$work/temp.json" 2>/dev/null >"$work/csv.out"
grep -q '"task":"csv"' "$work/csv.out" || fail "train csv printed no summary"
"$bin" lab series "$work/temp.json" --csv examples/temperature.csv --column temperature --plain >/dev/null
set +e
"$bin" train csv examples/temperature.csv --column close >/dev/null 2>"$work/bad.err"; code=$?
set -e
[ "$code" = 65 ] || fail "a missing column exits $code, not 65"
[ "$(wc -l <"$work/bad.err")" = 1 ] && grep -q "'day', 'temperature'" "$work/bad.err" || fail "a missing column: $(cat "$work/bad.err")"

# 5. Your own text: train, trace, and continue it in the lab (greedy, and sampled with a seed).
"$bin" train text examples/story.txt --level word --hidden 16 --epochs 150 --out "$work/story.json" 2>/dev/null >"$work/text.out"
grep -q '"held_out_accuracy"' "$work/text.out" || fail "train text printed no accuracy"
"$bin" trace "$work/story.json" --input "Jane saw Spot ." >"$work/story-trace.json"
grep -q '"predicted"' "$work/story-trace.json" || fail "trace of the text model has no predictions"
"$bin" lab "$work/story.json" --input "Jane saw" --continue 5 --plain | grep -q 'continues (greedy' || fail "lab --continue"
a="$("$bin" lab "$work/story.json" --input "Jane saw" --continue 5 --temperature 1.2 --seed 9 --plain)"
b="$("$bin" lab "$work/story.json" --input "Jane saw" --continue 5 --temperature 1.2 --seed 9 --plain)"
[ "$a" = "$b" ] || fail "a sampled continuation differs for one seed"
"$bin" train text examples/story.txt --level char --hidden 16 --epochs 20 --out "$work/chars.json" 2>/dev/null >/dev/null
"$bin" trace "$work/chars.json" --input "J a n e ␣ s" >/dev/null || fail "trace of the char model"

echo "series-e2e: ok"
