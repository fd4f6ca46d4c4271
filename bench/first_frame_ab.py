# SPDX-License-Identifier: MIT
"""The window's first frame, two builds alternating (A/B), each run a fresh process.

Usage: python3 bench/first_frame_ab.py --runs N BEFORE_BIN AFTER_BIN GRAPH [GRAPH ...]

Per graph and build: the first frame of the graph (ms after the process started, as
ATENSCOPE_FIRST_FRAME=1 reports it), the CPU time of the whole process (user + system, every
thread) and the peak resident memory, as medians and minimums over the runs. The two builds
alternate run by run so that a machine's slow moments fall on both.
"""

import argparse
import os
import re
import statistics
import subprocess
import tempfile


def once(binary, graph, shot):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATENSCOPE_FIRST_FRAME="1")
    proc = subprocess.Popen([binary, "--screenshot", shot, graph], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{binary} {graph} failed ({status}):\n{err}")
    frame = re.search(r"first frame of the graph (\d+) ms", err)
    if not frame:
        raise SystemExit(f"{binary} {graph}: no first frame reported:\n{err}")
    return int(frame.group(1)), (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("graphs", nargs="+")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        shot = os.path.join(tmp, "shot.png")
        for graph in args.graphs:
            results = {"before": [], "after": []}
            for _ in range(args.runs):
                for name in ("before", "after"):
                    results[name].append(once(getattr(args, name), graph, shot))
            print(f"{graph}:")
            for name, rows in results.items():
                frames, cpu, peak = zip(*rows)
                print(f"  {name:6}  first frame median {statistics.median(frames):.0f} ms (min {min(frames)}), "
                      f"CPU median {statistics.median(cpu):.0f} ms (min {min(cpu):.0f}), peak {max(peak):.0f} MB")


if __name__ == "__main__":
    main()
