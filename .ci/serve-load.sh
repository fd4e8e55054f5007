#!/usr/bin/env bash
# Load benchmark of `unroll serve` (not part of CI's pass/fail): N students (default 100) and a
# teacher connect with the system's OpenSSH client (ssh -tt, input from a fifo, output to a file);
# every student presses a key every second. Measured, as seen by the clients (so including both
# ends' SSH and the polling of the output files, ~5 ms: the figures are upper bounds):
#   teacher step → every student's screen shows it (per step; p50, p99, max over STEPS steps)
#   key → frame for students exploring alone (p50, p99, max)
#   server RSS and CPU while it runs.
# Usage:  .ci/serve-load.sh BINARY [STUDENTS] [STEPS]
set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
N=${2:-100}
STEPS=${3:-20}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/serve-load.XXXXXX")
CODE=load-code
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
ssh-keygen -q -t ed25519 -N "" -f "$WORK/teacher"
printf '#!/bin/sh\necho %s\n' "$CODE" >"$WORK/askpass"; chmod +x "$WORK/askpass"
"$BIN" serve --port 0 --state "$WORK/state" --class-code "$CODE" --teacher-keys "$WORK/teacher.pub" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 1 100); do grep -q "listening on" "$WORK/server.log" && break; sleep 0.1; done
PORT=$(sed -n 's/.*port \([0-9]*\)$/\1/p' "$WORK/server.log" | head -1)
OPTS=(-tt -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=QUIET -p "$PORT")
now_ms() { date +%s%3N; }
rss() { awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status; }
cpu_ticks() { awk '{print $14 + $15}' /proc/$SERVER_PID/stat; }

client() {  # client NAME ARGS...: ssh with input from fifo NAME.in, output to NAME.out
    local name=$1; shift
    mkfifo "$WORK/$name.in"
    TERM=xterm-256color ssh "${OPTS[@]}" "$@" <"$WORK/$name.in" >"$WORK/$name.out" 2>/dev/null &
    PIDS+=($!)
    exec {fd}>"$WORK/$name.in"
    eval "FD_$name=$fd"
}
send() { local fd; eval "fd=\$FD_$1"; printf '%b' "$2" >&"$fd"; }

RSS0=$(rss)
for i in $(seq 1 "$N"); do
    SSH_ASKPASS="$WORK/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 client "s$i" -o PubkeyAuthentication=no "s$i@127.0.0.1"
done
client teacher -o IdentitiesOnly=yes -o PasswordAuthentication=no -i "$WORK/teacher" teacher@127.0.0.1
for i in $(seq 1 200); do [ "$(grep -l "follow" "$WORK/teacher.out" 2>/dev/null)" ] && break; sleep 0.1; done
sleep 2
send teacher '\r'   # open the first lesson
for i in $(seq 1 100); do [ "$(grep -lF "step 1/" "$WORK"/s*.out | wc -l)" -ge "$N" ] && break; sleep 0.1; done
echo "connected: $N students (step 1 shown on $(grep -lF "step 1/" "$WORK"/s*.out | wc -l)), RSS $(rss) kB (idle server before: $RSS0 kB)"

# Every student presses a key every second (j: a following student's key, answered with a notice).
( while true; do for i in $(seq 1 "$N"); do send "s$i" 'j'; done; sleep 1; done ) &
TYPER=$!
PIDS+=($TYPER)
CPU0=$(cpu_ticks); T0=$(now_ms)
sizes() { stat -c %s "$@" | tr '\n' ' '; }
# grown BEFORE FILES...: how many files are larger than the sizes in BEFORE.
grown() { local before=($1); shift; local after=($(sizes "$@")) n=0 i; for i in "${!after[@]}"; do [ "${after[$i]}" -gt "${before[$i]}" ] && n=$((n + 1)); done; echo $n; }
STUDENTS=()
for i in $(seq 1 "$N"); do STUDENTS+=("$WORK/s$i.out"); done
sleep 2   # the students' first key notices are drawn; later ones change nothing on screen (no bytes)
steps=()
for k in $(seq 1 "$STEPS"); do
    before=$(sizes "${STUDENTS[@]}")
    start=$(now_ms)
    if [ $((k % 2)) = 1 ]; then send teacher '\033[C'; else send teacher '\033[D'; fi
    while true; do
        n=$(grown "$before" "${STUDENTS[@]}")
        [ "$n" -ge "$N" ] && break
        [ $(( $(now_ms) - start )) -gt 10000 ] && { echo "step $k: only $n of $N updated in 10 s"; break; }
        sleep 0.002
    done
    steps+=($(( $(now_ms) - start )))
    sleep 0.5
done
keys=()
for i in $(seq 1 20); do
    s="s$i"
    send "$s" 'E'; sleep 0.3
    before=$(sizes "$WORK/$s.out")
    start=$(now_ms)
    send "$s" '\033[C'
    while [ "$(grown "$before" "$WORK/$s.out")" -lt 1 ]; do
        [ $(( $(now_ms) - start )) -gt 5000 ] && break
        sleep 0.001
    done
    keys+=($(( $(now_ms) - start )))
done
CPU1=$(cpu_ticks); T1=$(now_ms)
pct() { printf '%s\n' "$@" | sort -n | awk -v p="$P" '{a[NR]=$1} END {i=int((NR-1)*p/100+0.5)+1; if (i>NR) i=NR; print a[i]}'; }
P=50; s50=$(pct "${steps[@]}"); P=99; s99=$(pct "${steps[@]}"); P=100; smax=$(pct "${steps[@]}")
P=50; k50=$(pct "${keys[@]}"); P=99; k99=$(pct "${keys[@]}"); P=100; kmax=$(pct "${keys[@]}")
HZ=$(getconf CLK_TCK)
echo "teacher step → all $N students updated: p50 $s50 ms, p99 $s99 ms, max $smax ms ($STEPS steps)"
echo "key → frame (exploring students): p50 $k50 ms, p99 $k99 ms, max $kmax ms (20 keys)"
echo "server RSS with $N sessions: $(rss) kB; CPU: $(( (CPU1 - CPU0) * 100000 / HZ / (T1 - T0) ))% of one core over $(( (T1 - T0) / 1000 )) s"
