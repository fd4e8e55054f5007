#!/usr/bin/env python3
"""Exec → first frame and resident memory of `unroll`, through a real pseudo-terminal.

usage: scripts/first-frame.py [--runs N] [--size 100x30] [--marker TEXT] [--settle S] -- BINARY ARG...

Each run forks a pty of the given size, execs BINARY ARG... with TERM=xterm-256color and a UTF-8
locale, and times exec to the first output that contains MARKER (default: any output at all
followed by 30 ms of quiet, i.e. the first complete frame). After SETTLE seconds idle it reads
VmRSS and VmHWM from /proc/PID/status, then sends `q` and waits for the exit. Prints one JSON
object: the median, best and worst first frame in ms, and the median RSS/HWM in MB.
"""
import argparse, fcntl, json, os, pty, select, signal, statistics, struct, sys, termios, time


def one_run(argv, rows, cols, marker, settle):
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": os.environ.get("HOME", "/tmp"),
           "PATH": "/nonexistent"}
    for k in ("XDG_STATE_HOME", "NO_COLOR"):
        if k in os.environ:
            env[k] = os.environ[k]
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen = b""
    first = None
    last_byte = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.03)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            last_byte = time.perf_counter()
            if marker and first is None and marker.encode() in seen:
                first = last_byte
                break
        elif last_byte is not None and not marker:
            first = last_byte
            break
    time.sleep(settle)
    rss = hwm = None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        os.write(fd, b"q")
    except OSError:
        pass
    end = time.time() + 3
    while time.time() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        try:
            select.select([fd], [], [], 0.05) and os.read(fd, 65536)
        except OSError:
            pass
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    if first is None:
        raise SystemExit(f"no first frame from {' '.join(argv)} (got {len(seen)} bytes)")
    return (first - start) * 1000, rss, hwm


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=21)
    p.add_argument("--size", default="100x30")
    p.add_argument("--marker", default="")
    p.add_argument("--settle", type=float, default=0.5)
    p.add_argument("command", nargs=argparse.REMAINDER)
    a = p.parse_args()
    argv = a.command[1:] if a.command and a.command[0] == "--" else a.command
    if not argv:
        p.error("no command")
    cols, rows = (int(x) for x in a.size.lower().split("x"))
    runs = [one_run(argv, rows, cols, a.marker, a.settle) for _ in range(a.runs)]
    ms = [r[0] for r in runs]
    rss = [r[1] for r in runs if r[1] is not None]
    hwm = [r[2] for r in runs if r[2] is not None]
    print(json.dumps({
        "command": " ".join(argv[1:]), "runs": a.runs,
        "first_frame_ms": {"median": round(statistics.median(ms), 2), "best": round(min(ms), 2), "worst": round(max(ms), 2)},
        "rss_mb": round(statistics.median(rss), 1) if rss else None,
        "hwm_mb": round(statistics.median(hwm), 1) if hwm else None,
    }))


if __name__ == "__main__":
    main()
