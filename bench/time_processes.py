# SPDX-License-Identifier: MIT
"""Wall time and peak memory of whole commands, each run in a fresh process.

Usage: python3 bench/time_processes.py --runs N -- NAME 'COMMAND' [NAME 'COMMAND' ...]
Prints one JSON line per command: the median wall time in ms and the largest peak RSS in MB.
Standard output of the commands goes to /dev/null.
"""

import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def run(command):
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(shlex.split(command), stdout=null)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if status != 0:
        raise SystemExit(f"failed ({status}): {command}")
    return wall, usage.ru_maxrss / 1024


def main():
    args = sys.argv[1:]
    runs = 3
    if args[:1] == ["--runs"]:
        runs = int(args[1])
        args = args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    for name, command in zip(args[::2], args[1::2]):
        results = [run(command) for _ in range(runs)]
        print(json.dumps({"name": name, "wall_ms": round(statistics.median(w for w, _ in results)),
                          "peak_rss_mb": round(max(m for _, m in results)), "runs": runs, "command": command}))


if __name__ == "__main__":
    main()
