#!/usr/bin/env bash
# End-to-end test of `unroll serve` with the system's OpenSSH client in tmux: a teacher (key
# login) and three students (class code via SSH_ASKPASS) in one class on 127.0.0.1.
#
# Usage:  .ci/serve-e2e.sh BINARY
#
# Checked: students who arrive first get the start screen; the teacher opens a lesson and steps,
# the students show the same step; a student explores alone and snaps back; three answer a
# question, the teacher sees the counts, reveals, each student sees their own verdict; a student
# cannot act as the teacher; the report lists the answers; quitting restores the terminal.
# Faults: a client killed mid-frame, 1 MB of random bytes on a raw TCP connection, a nickname
# full of escape codes, the server killed with SIGKILL mid-poll and restarted (the answers are in
# the report), 100 wrong passwords (then limited; the server still serves).
# Prints "ok - …" / "not ok - …" per check and "N passed, M failed"; exits 1 when a check failed.
set -u
if [ $# -lt 1 ] || [ ! -x "$1" ]; then echo "usage: $0 BINARY" >&2; exit 2; fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
for tool in tmux ssh ssh-keygen; do command -v $tool >/dev/null || { echo "$tool not found" >&2; exit 2; }; done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/serve-e2e.XXXXXX")
STATE="$WORK/state"
SOCK="$WORK/tmux.sock"
T=(tmux -S "$SOCK" -f /dev/null)
CODE="e2e-class-code"
PASSED=0
FAILED=0
SERVER_PID=""

cleanup() {
    "${T[@]}" kill-server 2>/dev/null
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

ok() { PASSED=$((PASSED + 1)); echo "ok - $1"; }
not_ok() { FAILED=$((FAILED + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/#   /'; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

screen() { "${T[@]}" capture-pane -p -t "$1"; }
# expect WINDOW TEXT NAME [SECONDS]: the window shows TEXT within SECONDS (default 5).
expect() {
    local w=$1 text=$2 name=$3 limit=${4:-5} i
    for i in $(seq 1 $((limit * 10))); do
        if screen "$w" | grep -qF -- "$text"; then ok "$name"; return 0; fi
        sleep 0.1
    done
    not_ok "$name" "expected '$text' in $w; it shows:
$(screen "$w")"
    return 1
}
# refute WINDOW TEXT NAME: the window does not show TEXT (after a short settle).
refute() {
    sleep 0.5
    if screen "$1" | grep -qF -- "$2"; then not_ok "$3" "did not expect '$2' in $1:
$(screen "$1")"; else ok "$3"; fi
}
keys() { local w=$1; shift; "${T[@]}" send-keys -t "$w" "$@"; sleep 0.3; }

start_server() {
    "$BIN" serve --port "${PORT:-0}" --listen 127.0.0.1 --state "$STATE" --class-code "$CODE" \
        --teacher-keys "$WORK/teachers.pub" >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    local i
    for i in $(seq 1 100); do
        grep -q "listening on" "$WORK/server.log" 2>/dev/null && break
        sleep 0.1
    done
    PORT=$(sed -n 's/.*listening on 127.0.0.1 port \([0-9]*\).*/\1/p' "$WORK/server.log")
    [ -n "$PORT" ]
}

ssh-keygen -q -t ed25519 -N "" -C "e2e teacher" -f "$WORK/teacher" || exit 2
cp "$WORK/teacher.pub" "$WORK/teachers.pub"
printf '#!/bin/sh\nprintf "%%s\\n" "$UNROLL_E2E_PASSWORD"\n' >"$WORK/askpass"
chmod +x "$WORK/askpass"
SSH_OPTS=(-tt -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5)

# student WINDOW NAME [PASSWORD]: opens a tmux window with a student's ssh (exit status shown after).
student() {
    local w=$1 name=$2 pw=${3:-$CODE}
    printf '%b' "$name" >"$WORK/name-$w"
    "${T[@]}" new-window -d -n "$w" \
        "env TERM=xterm-256color UNROLL_E2E_PASSWORD='$pw' SSH_ASKPASS='$WORK/askpass' SSH_ASKPASS_REQUIRE=force DISPLAY=:0 \
         ssh ${SSH_OPTS[*]} -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=1 -p $PORT -l \"\$(cat '$WORK/name-$w')\" 127.0.0.1; \
         echo \"ssh exit=\$?\"; sleep 600"
}
teacher() {
    "${T[@]}" new-window -d -n "$1" \
        "env TERM=xterm-256color ssh ${SSH_OPTS[*]} -o IdentitiesOnly=yes -o PasswordAuthentication=no -o BatchMode=yes -i '$WORK/teacher' -p $PORT teacher@127.0.0.1; \
         echo \"ssh exit=\$?\"; sleep 600"
}

check "the server starts and prints how students connect" start_server
grep -q "ssh -p $PORT yourname@127.0.0.1" "$WORK/server.log" && grep -q "class code (the password): $CODE" "$WORK/server.log" \
    && ok "the banner names the ssh command and the class code" || not_ok "the banner names the ssh command and the class code" "$(cat "$WORK/server.log")"
check "the host key is kept with mode 0600" test "$(stat -c %a "$STATE/host_ed25519")" = 600

"${T[@]}" new-session -d -s class -x 100 -y 30 "sleep 3600"
"${T[@]}" set-option -g remain-on-exit on >/dev/null

# --- students arrive before the teacher: the start screen, and they may explore.
student ann ann
student ben ben
student cat cat
expect ann "Dinner without memory" "a student who arrives first gets the start screen" 10
expect ann "waiting for the teacher" "the header says the student waits for the teacher"

# --- the teacher connects with a key and opens the first lesson.
teacher teach
expect teach "teacher · 3/3 follow" "the teacher logs in with a key and sees who follows" 10
keys teach Enter
expect teach "step 1/9" "the teacher opens a lesson"
expect ann "step 1/9" "a following student shows the teacher's lesson"
expect cat "step 1/9" "every following student shows it"
keys teach Right
expect teach "step 2/9" "the teacher steps"
for s in ann ben cat; do expect "$s" "step 2/9" "$s shows the teacher's step"; done

# --- a student explores alone and snaps back with one key.
keys ben E
expect ben "on your own · F follows" "E: the header says the student explores, with the key back"
expect teach "teacher · 2/3 follow" "the teacher sees one fewer follow"
keys ben Right
expect ben "step 3/9" "the exploring student steps alone"
expect teach "step 2/9" "the teacher's step did not move"
keys ben F
expect ben "step 2/9" "F snaps back to the teacher's step"
expect teach "teacher · 3/3 follow" "the teacher sees all follow again"

# --- the poll: three answer, the teacher sees the counts.
keys ann 2
keys ben 2
keys cat 3
expect ann "your answer: 7 · waiting for the teacher" "a student's answer is taken and held until the reveal"
expect teach "answered 3 of 3" "the teacher sees how many answered"
screen teach | grep -q "7 .*█.* 2" && ok "the teacher sees a bar per choice with its count" \
    || not_ok "the teacher sees a bar per choice with its count" "$(screen teach)"

# --- a student cannot act as the teacher.
keys cat V Right g
refute teach "step 3/9" "a student's keys do not move the teacher"
expect teach "V reveals" "a student's V does not reveal the poll"
expect cat "step 2/9" "the student stays on the teacher's step"

# --- the reveal reaches everyone, each with their own verdict.
keys teach V
expect teach "the live model says 7" "the teacher reveals"
expect ann "right: the live model says 7" "ann sees her answer was right"
expect ben "right: the live model says 7" "ben sees his answer was right"
expect cat "not quite: the live model says 7" "cat sees her answer against the core's"

"$BIN" serve report --state "$STATE" >"$WORK/report.txt" 2>&1
grep -q "3 answered, 2 of 3 right (66%)" "$WORK/report.txt" && grep -q "ann (1 session)" "$WORK/report.txt" \
    && grep -q "cat (1 session): 1 answers, 0 right" "$WORK/report.txt" \
    && ok "the report lists the answers and the share right" || not_ok "the report lists the answers and the share right" "$(cat "$WORK/report.txt")"
"$BIN" serve report --state "$STATE" --csv >"$WORK/report.csv" 2>&1
[ "$(grep -c ',01-dinner-without-memory,2,1,' "$WORK/report.csv")" = 3 ] && ok "the CSV report has a row per answer" \
    || not_ok "the CSV report has a row per answer" "$(cat "$WORK/report.csv")"

# --- a student quits: the terminal is restored.
keys ann q
expect ann "ssh exit=0" "q ends a student's session with status 0"
[ "$("${T[@]}" display-message -p -t ann '#{alternate_on}')" = 0 ] && ok "the student's terminal leaves the alternate screen" \
    || not_ok "the student's terminal leaves the alternate screen"
expect teach "teacher · 2/2 follow" "the teacher sees the student leave"

# --- a hostile nickname never reaches the teacher's terminal. OpenSSH refuses to send control
# characters in a user name ("remote username contains invalid characters": the unit tests send
# them straight to the session); it does send bidirectional overrides and any length.
TITLE_BEFORE=$("${T[@]}" display-message -p -t teach '#{pane_title}')
student evil 'zz\xe2\x80\xaepwned\xe2\x81\xa6xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
expect evil "step 2/9" "a student with a hostile name joins" 10
expect evil "zzpwnedxxxxxxxxx · following" "the nickname is sanitised: no overrides, 16 characters"
expect teach "teacher · 3/3 follow" "the teacher's screen counts the student"
[ "$("${T[@]}" display-message -p -t teach '#{pane_title}')" = "$TITLE_BEFORE" ] && ok "the name did not retitle the teacher's terminal" \
    || not_ok "the name did not retitle the teacher's terminal"
# --- a client killed mid-frame: the others go on.
EVIL_SSH=$(pgrep -f "pwned" | head -1)
keys teach Right Left Right Left
[ -n "$EVIL_SSH" ] && kill -9 "$EVIL_SSH"
keys teach Right
expect ben "step 3/9" "after a client is killed mid-frame the others still follow"
expect teach "teacher · 2/2 follow" "the killed client's session is gone"
keys teach Left

# --- 1 MB of random bytes on a raw TCP connection closes only that connection.
head -c 1048576 /dev/urandom >"$WORK/random.bin"
timeout 10 bash -c "cat '$WORK/random.bin' >/dev/tcp/127.0.0.1/$PORT" 2>/dev/null
check "the server survives 1 MB of random bytes" kill -0 "$SERVER_PID"
student dan dan
expect dan "step 2/9" "a new student connects after the garbage" 10
keys teach Right
expect cat "step 3/9" "the class goes on after the garbage"

# --- a client that stops reading: the server does not buffer for it; when it reads again it gets the newest frame.
BEN_SSH=$(pgrep -f "^ssh .* -l ben 127[.]0[.]0[.]1$" | head -1)
RSS_BEFORE=$(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status)
[ -n "$BEN_SSH" ] && kill -STOP "$BEN_SSH"
for i in $(seq 1 40); do "${T[@]}" send-keys -t teach Right; "${T[@]}" send-keys -t teach Left; done
sleep 1
keys teach Right Right
RSS_AFTER=$(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status)
echo "# server RSS: $RSS_BEFORE kB before, $RSS_AFTER kB after 82 steps with one client not reading"
[ $((RSS_AFTER - RSS_BEFORE)) -lt 20000 ] && ok "a client that stops reading does not grow the server by 20 MB" \
    || not_ok "a client that stops reading does not grow the server by 20 MB"
expect cat "step 5/9" "the reading students follow while one does not"
[ -n "$BEN_SSH" ] && kill -CONT "$BEN_SSH"
expect ben "step 5/9" "when it reads again the stopped client shows the newest step"
keys teach Left Left

# --- the server killed with SIGKILL mid-poll: every answer given before is in the report.
keys teach g 5 Enter
expect teach "step 5/9" "the teacher goes to the next question"
keys cat 1
keys dan 2
expect teach "answered 2 of 3" "two answers are in"
kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=""
check "the server restarts on the same state folder" start_server
"$BIN" serve report --state "$STATE" >"$WORK/report2.txt" 2>&1
grep -q "step 5 question 1: 2 answered, not revealed" "$WORK/report2.txt" && grep -q "dan (1 session): 1 answers" "$WORK/report2.txt" \
    && ok "after SIGKILL the report has every answer given before it" || not_ok "after SIGKILL the report has every answer given before it" "$(cat "$WORK/report2.txt")"
command -v sqlite3 >/dev/null && { [ "$(sqlite3 "$STATE/class.sqlite" 'PRAGMA integrity_check')" = ok ] && ok "the record passes SQLite's integrity check" || not_ok "the record passes SQLite's integrity check"; }

# --- 100 wrong passwords: refused, then limited; the server still serves.
# (wait on the clients' pids only: a bare `wait` would wait for the server too)
START=$(date +%s)
pids=()
for i in $(seq 1 100); do
    env UNROLL_E2E_PASSWORD=wrong SSH_ASKPASS="$WORK/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 \
        timeout 10 ssh -T -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=QUIET -o PubkeyAuthentication=no \
        -o NumberOfPasswordPrompts=1 -p "$PORT" mallory@127.0.0.1 true </dev/null >/dev/null 2>&1 &
    pids+=($!)
    if [ $((i % 10)) = 0 ]; then wait "${pids[@]}"; pids=(); fi
done
echo "# 100 wrong passwords took $(( $(date +%s) - START )) s"
check "the server survives 100 wrong passwords" kill -0 "$SERVER_PID"
env UNROLL_E2E_PASSWORD="$CODE" SSH_ASKPASS="$WORK/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=:0 \
    timeout 10 ssh -T -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=QUIET -o PubkeyAuthentication=no \
    -o NumberOfPasswordPrompts=1 -p "$PORT" eve@127.0.0.1 true </dev/null >/dev/null 2>&1
[ $? = 255 ] && ok "right after them, even the right code is refused from that address (rate limit)" \
    || not_ok "right after them, even the right code is refused from that address (rate limit)"
sleep 5
teacher teach2
expect teach2 "teacher ·" "after the limit refills, a login works again" 15

# --- caps: a second class with one session and a 3 s idle timeout.
"$BIN" serve --port 0 --listen 127.0.0.1 --state "$WORK/state2" --class-code "$CODE" --max-sessions 1 --idle-timeout 3 \
    >"$WORK/server2.log" 2>&1 &
SERVER2_PID=$!
for i in $(seq 1 100); do grep -q "listening on" "$WORK/server2.log" 2>/dev/null && break; sleep 0.1; done
MAIN_PORT=$PORT
PORT=$(sed -n 's/.*listening on 127.0.0.1 port \([0-9]*\).*/\1/p' "$WORK/server2.log")
student one one
expect one "Dinner without memory" "the first session of a one-session class opens" 10
student two two
expect two "the class is full (1 sessions)" "a session over --max-sessions is refused with a message" 10
expect one "closed after 3 s without a key" "an idle session is closed after --idle-timeout" 10
expect one "ssh exit=0" "the idle session ends cleanly"
[ "$("${T[@]}" display-message -p -t one '#{alternate_on}')" = 0 ] && ok "the idle-closed terminal is restored" \
    || not_ok "the idle-closed terminal is restored"
kill "$SERVER2_PID" 2>/dev/null
PORT=$MAIN_PORT

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
