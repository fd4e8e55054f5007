#!/usr/bin/env bash
# The installed tutor: a static release build, copied alone into an empty folder, run from / with an
# empty environment. It must list every lesson, run a shipped model's lab, and need no Swift library.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --static-swift-stdlib
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
install -m 755 .build/release/unroll "$tmp/unroll"
mkdir -p "$tmp/home"

pass=0; fail=0
ok()     { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; }

if ldd "$tmp/unroll" | grep -Eqi 'swift|/opt/|Foundation|icu'; then
  not_ok "ldd lists a toolchain library:"; ldd "$tmp/unroll" | sed 's/^/    | /'
else
  ok "ldd lists no toolchain library"
fi

run() { (cd / && env -i PATH=/nonexistent HOME="$tmp/home" "$tmp/unroll" "$@"); }

# Outputs are captured whole first: `cmd | grep -q` would end cmd with SIGPIPE under pipefail.
want=$(find lessons -maxdepth 1 -name '*.md' ! -name README.md | wc -l)
listed=$(run list || true)
got=$(printf '%s\n' "$listed" | grep -c . || true)
if [ "$got" -eq "$want" ] && ! printf '%s\n' "$listed" | grep -q BROKEN; then ok "list shows all $want lessons"; else not_ok "list shows $got of $want lessons"; printf '%s\n' "$listed" | sed 's/^/    | /'; fi

lab=$(run lab book-lstm --plain || true)
if printf '%s\n' "$lab" | grep -q 'step 1: "Jane"'; then ok "lab book-lstm --plain prints a trace"; else not_ok "lab book-lstm --plain"; fi
lesson=$(run lesson 07-lstm --plain || true)
if printf '%s\n' "$lesson" | grep -q 'Step 1 of'; then ok "lesson 07-lstm --plain"; else not_ok "lesson 07-lstm --plain"; fi
if run lint >/dev/null 2>&1; then ok "lint: the built-in lessons are clean"; else not_ok "lint"; fi
version=$(run --version || true)
if printf '%s\n' "$version" | grep -Eq '^[0-9]+\.[0-9]+'; then ok "--version"; else not_ok "--version"; fi

echo "installed: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
