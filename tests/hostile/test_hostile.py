# SPDX-License-Identifier: MIT
"""Hostile inputs (tools/make_hostile_inputs.py) through `atenscope analyze --metrics-dir`,
`report` and the window (`--screenshot`, offscreen), each under the limits of docs/limits.md:
done within 20 s and 2 GB, refused with one line naming the file, the place and what is wrong
(or read, where the suite says so), nothing written outside the folder asked for and, when
refused, nothing written at all; never a crash.

Needs ATENSCOPE_BIN; CTest sets it. The suite is generated into a temporary folder
(ATENSCOPE_HOSTILE_DIR keeps one across runs). ATENSCOPE_HOSTILE_ONLY=substring runs a part.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import make_hostile_inputs  # noqa: E402

BIN = os.path.abspath(os.environ.get("ATENSCOPE_BIN", os.path.join(ROOT, "build", "bin", "atenscope")))
SECONDS = 20
MEMORY_KB = 2 * 1024 * 1024  # 2 GB
# Under a sanitizer build memory and time grow several fold: the caps are checked only where
# they mean something.
SANITIZED = os.environ.get("ATENSCOPE_SANITIZED") == "1"
# What counts as a hang: three times the cap; a Debug build under AddressSanitizer reads a
# 200,000-wide dump in over a minute, so there it is ten times that.
HANG = SECONDS * (30 if SANITIZED else 3)


def run_capped(args, cwd, env=None, timeout=HANG):
    """(exit status, stdout, stderr, seconds, peak RSS in KB) of one process, killed after
    `timeout` (a hang is reported as such, not waited out)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        p = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        killed = []

        def kill():
            killed.append(True)
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        code = "hang" if killed else p.returncode
        return code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), seconds, usage.ru_maxrss


MEASURED = []  # (how, name, exit status, seconds, peak RSS KB): ATENSCOPE_HOSTILE_REPORT=FILE writes them


def tree(root, skip=None):
    """Every path under root (files, folders, links), except under `skip`."""
    found = set()
    for folder, dirs, files in os.walk(root):
        if skip and os.path.abspath(folder).startswith(os.path.abspath(skip)):
            continue
        for name in dirs + files:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


class TestHostile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        keep = os.environ.get("ATENSCOPE_HOSTILE_DIR")
        cls.tmp = None if keep else tempfile.TemporaryDirectory(prefix="atenscope-hostile-")
        cls.suite = keep or os.path.join(cls.tmp.name, "suite")
        if not os.path.exists(os.path.join(cls.suite, "expected.json")):
            subprocess.run([sys.executable, os.path.join(ROOT, "tools", "make_hostile_inputs.py"), cls.suite], check=True,
                           stdout=subprocess.DEVNULL)
        with open(os.path.join(cls.suite, "expected.json"), encoding="utf-8") as handle:
            cls.expected = json.load(handle)
        cls.specials = tempfile.TemporaryDirectory(prefix="atenscope-special-")
        cls.socket = make_hostile_inputs.make_special(cls.specials.name)
        cls.sandbox = tempfile.TemporaryDirectory(prefix="atenscope-sandbox-")
        only = os.environ.get("ATENSCOPE_HOSTILE_ONLY", "")
        cls.names = sorted(n for n in cls.expected if only in n)

    @classmethod
    def tearDownClass(cls):
        if os.environ.get("ATENSCOPE_HOSTILE_REPORT"):
            with open(os.environ["ATENSCOPE_HOSTILE_REPORT"], "w", encoding="utf-8") as handle:
                handle.write("| run | input | exit | seconds | peak RSS (MB) |\n|---|---|---|---|---|\n")
                for how, name, code, seconds, rss in MEASURED:
                    handle.write(f"| {how} | {name} | {code} | {seconds:.2f} | {rss / 1024:.0f} |\n")
        cls.socket.close()
        cls.specials.cleanup()
        cls.sandbox.cleanup()
        if cls.tmp:
            cls.tmp.cleanup()

    def path_of(self, name):
        if self.expected[name].get("special"):
            return os.path.join(self.specials.name, name.split("/")[0])
        return os.path.join(self.suite, name)

    def check_caps(self, name, how, code, seconds, rss):
        MEASURED.append((how, name, code, seconds, rss))
        self.assertNotEqual(code, "hang", f"{name} ({how}): no result in {HANG} s")
        self.assertGreaterEqual(code, 0, f"{name} ({how}): killed by signal {-code if isinstance(code, int) else code}")
        self.assertNotIn(code, (134, 139), f"{name} ({how}): crashed")
        if not SANITIZED:
            self.assertLessEqual(seconds, SECONDS, f"{name} ({how}): {seconds:.1f} s")
            self.assertLessEqual(rss, MEMORY_KB, f"{name} ({how}): {rss / 1024:.0f} MB")

    def check_refusal(self, name, how, stderr, path):
        outcome = self.expected[name]
        lines = [l for l in stderr.splitlines() if l.strip() and not l.startswith("profile ")]
        self.assertEqual(len(lines), 1, f"{name} ({how}): one line expected, got:\n{stderr[:2000]}")
        line = lines[0]
        # The file is named (a metrics file inside the named folder counts), then the place.
        self.assertIn(os.path.basename(path.rstrip("/")), line, f"{name} ({how}): {line}")
        if outcome.get("where"):
            self.assertIn(": " + outcome["where"], line, f"{name} ({how}): {line}")
        self.assertIn(outcome.get("what", ""), line, f"{name} ({how}): {line}")
        self.assertNotIn("json.exception", line)
        self.assertNotIn("std::", line)

    def test_analyze(self):
        """Each input through analyze --metrics-dir, in a sandbox whose every other folder is watched."""
        for name in self.names:
            with self.subTest(name=name):
                outcome = self.expected[name]
                path = self.path_of(name)
                if name.endswith((".pickle", "model_run.json")) or outcome.get("special") and "/" in name:
                    path = os.path.dirname(path) if not outcome.get("special") else path
                work = os.path.join(self.sandbox.name, "analyze", name.replace("/", "_"), "a", "b", "c")
                metrics = os.path.join(work, "out", "metrics")
                os.makedirs(work)
                before = tree(self.sandbox.name)
                code, _, err, seconds, rss = run_capped([BIN, "analyze", path, "--metrics-dir", metrics], cwd=work)
                self.check_caps(name, "analyze", code, seconds, rss)
                allowed = {os.path.relpath(p, self.sandbox.name) for p in (os.path.join(work, "out"), metrics)}
                self.assertEqual(tree(self.sandbox.name, skip=metrics) - before - allowed, set(), f"{name}: written outside {metrics}")
                for outside in ("/tmp/atenscope-escaped", "/etc/atenscope-escaped", "/tmp/escaped"):
                    self.assertFalse(os.path.exists(outside), f"{name}: wrote {outside}")
                if outcome.get("read"):
                    self.assertEqual(code, 0, f"{name}: {err[:2000]}")
                    written = tree(metrics)
                    self.assertTrue(any(p.endswith("remaining-aten-ops.json") for p in written), f"{name}: {written}")
                    for p in written:
                        self.assertFalse(p.startswith("..") or os.path.isabs(p), p)
                        self.assertFalse(any(part.startswith(".") for part in p.split(os.sep)), f"{name}: hidden {p}")
                elif outcome.get("what") == "" and outcome.get("where") == "" and code == 0:
                    pass  # read or refused: either is fine
                else:
                    self.assertEqual(code, 2, f"{name}: exit {code}: {err[:2000]}")
                    self.check_refusal(name, "analyze", err, path)
                    self.assertFalse(os.path.exists(metrics) and tree(metrics), f"{name}: refused but wrote {tree(metrics)}")

    def test_report(self):
        """Names from files name a report's pictures: they stay inside --out."""
        for name in self.names:
            if not self.expected[name].get("names_output"):
                continue
            with self.subTest(name=name):
                work = os.path.join(self.sandbox.name, "report", name, "a", "b")
                out = os.path.join(work, "report")
                os.makedirs(work)
                before = tree(self.sandbox.name)
                code, _, err, seconds, rss = run_capped([BIN, "report", self.path_of(name), "--out", out], cwd=work)
                self.check_caps(name, "report", code, seconds, rss)
                self.assertEqual(code, 0, err[:2000])
                new = tree(self.sandbox.name, skip=out) - before
                self.assertEqual(new, {os.path.relpath(out, self.sandbox.name)}, f"{name}: written outside {out}")
                for p in tree(out):
                    self.assertFalse(any(part.startswith(".") for part in p.split(os.sep)), f"{name}: {p}")

    def test_window(self):
        """Each input opened by the window (offscreen): a screenshot when read, exit 2 and the
        message when refused, no crash, within the caps."""
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        for name in self.names:
            outcome = self.expected[name]
            with self.subTest(name=name):
                path = self.path_of(name)
                if name.endswith((".pickle", "model_run.json")) and not outcome.get("special"):
                    path = os.path.dirname(path)
                shot = os.path.join(self.sandbox.name, "window", name.replace("/", "_") + ".png")
                os.makedirs(os.path.dirname(shot), exist_ok=True)
                code, _, err, seconds, rss = run_capped([BIN, "--screenshot", shot, path], cwd=self.sandbox.name, env=env)
                self.check_caps(name, "window", code, seconds, rss)
                if outcome.get("read"):
                    self.assertEqual(code, 0, f"{name}: {err[:2000]}")
                    self.assertTrue(os.path.getsize(shot) > 0)
                elif code != 0 or not (outcome.get("what") == "" and outcome.get("where") == ""):
                    self.assertEqual(code, 2, f"{name}: exit {code}: {err[:2000]}")
                    self.check_refusal(name, "window", err, path)
                    self.assertFalse(os.path.exists(shot), f"{name}: refused but wrote a screenshot")

    def test_suite_size(self):
        self.assertGreaterEqual(len(self.expected), 100)


if __name__ == "__main__":
    unittest.main()
