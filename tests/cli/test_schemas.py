# SPDX-License-Identifier: MIT
"""The JSON Schemas of docs/schemas/ hold for what AtenScope reads and writes: every graph dump
fixture (and the bundled sample) against atenscope-graph.schema.json, report.json of real runs
against atenscope-report.schema.json; and each schema refuses a document that breaks it.

Needs ATENSCOPE_BIN, ATENSCOPE_TEST_DATA and Python's jsonschema (Debian's python3-jsonschema,
which scripts/install-deps installs).
"""
import copy
import glob
import json
import os
import subprocess
import tempfile
import unittest

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.environ.get("ATENSCOPE_TEST_DATA", os.path.join(ROOT, "tests", "data"))
BIN = os.environ.get("ATENSCOPE_BIN", os.path.join(ROOT, "build", "bin", "atenscope"))
SCHEMAS = os.path.join(ROOT, "docs", "schemas")


def validator(name):
    with open(os.path.join(SCHEMAS, name), encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(v, doc):
    return [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:200]}" for e in v.iter_errors(doc)]


class TestGraphSchema(unittest.TestCase):
    def dumps(self):
        paths = glob.glob(os.path.join(DATA, "**", "*.json"), recursive=True) + glob.glob(os.path.join(ROOT, "resources", "sample", "*.json"))
        for path in sorted(paths):
            with open(path, encoding="utf-8") as handle:
                try:
                    doc = json.load(handle)
                except ValueError:
                    continue  # the bad-input fixtures
            if isinstance(doc, dict) and doc.get("format") == "atenscope.graph" and "/bad/" not in path:
                yield path, doc

    def test_every_dump_fixture(self):
        v = validator("atenscope-graph.schema.json")
        checked = 0
        for path, doc in self.dumps():
            with self.subTest(path=os.path.relpath(path, DATA)):
                self.assertEqual(errors(v, doc), [])
                checked += 1
        self.assertGreaterEqual(checked, 20)

    def test_breaking_it_is_refused(self):
        v = validator("atenscope-graph.schema.json")
        path, doc = next(self.dumps())
        for name, mutate in (("no format", lambda d: d.pop("format")),
                             ("a newer version", lambda d: d.__setitem__("version", 3)),
                             ("a node without op", lambda d: d["graphs"][0]["nodes"][0].pop("op")),
                             ("an unknown op kind", lambda d: d["graphs"][0]["nodes"][0].__setitem__("op", "call_everything")),
                             ("no graphs", lambda d: d.__setitem__("graphs", []))):
            with self.subTest(name):
                bad = copy.deepcopy(doc)
                mutate(bad)
                self.assertTrue(errors(v, bad), name)
                # and AtenScope refuses it too, naming the place
                with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
                    json.dump(bad, handle)
                try:
                    r = subprocess.run([BIN, "analyze", handle.name], capture_output=True, text=True)
                    self.assertEqual(r.returncode, 2, (name, r.stderr))
                finally:
                    os.unlink(handle.name)


class TestReportSchema(unittest.TestCase):
    def report(self, *paths, extra=()):
        out = tempfile.mkdtemp(prefix="atenscope-schema-")
        r = subprocess.run([BIN, "report", *paths, "--out", os.path.join(out, "r"), "--no-images", *extra], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "r", "report.json"), encoding="utf-8") as handle:
            doc = json.load(handle)
        subprocess.run(["rm", "-rf", out], check=True)
        return doc

    def test_reports_of_real_runs(self):
        v = validator("atenscope-report.schema.json")
        for paths in ([os.path.join(DATA, "metrics")], [os.path.join(DATA, "runs", "regressed")],
                      [os.path.join(DATA, "llama.partitioned.json"), os.path.join(DATA, "bert.simulated-ttnn.json")]):
            with self.subTest(paths=[os.path.relpath(p, DATA) for p in paths]):
                doc = self.report(*paths)
                self.assertEqual(errors(v, doc), [])
        # With the changes since a baseline (a failed model before, running after: null counts then).
        for before, after in (("baseline", "improved"), ("improved", "regressed")):
            doc = self.report(os.path.join(DATA, "runs", after), extra=("--baseline", os.path.join(DATA, "runs", before)))
            self.assertTrue(doc["baseline"]["models"])
            self.assertEqual(errors(v, doc), [], (before, after))
        with open(os.path.join(HERE, "golden", "report-baseline.json"), encoding="utf-8") as handle:
            self.assertEqual(errors(v, json.load(handle)), [])

    def test_breaking_it_is_refused(self):
        v = validator("atenscope-report.schema.json")
        doc = self.report(os.path.join(DATA, "metrics"))
        failed = next(i for i, m in enumerate(doc["models"]) if m["status"] == "failed")
        running = next(i for i, m in enumerate(doc["models"]) if m["status"] != "failed")
        for name, mutate in (("a failed model with 0 remaining", lambda d: d["models"][failed].__setitem__("total_remaining_ops", 0)),
                             ("a running model with null remaining", lambda d: d["models"][running].__setitem__("total_remaining_ops", None)),
                             ("an unknown status", lambda d: d["models"][running].__setitem__("status", "fine")),
                             ("a field no version has", lambda d: d.__setitem__("extra", 1)),
                             ("a baseline without its changes", lambda d: d.__setitem__("baseline", {"source": "x"}))):
            with self.subTest(name):
                bad = copy.deepcopy(doc)
                mutate(bad)
                self.assertTrue(errors(v, bad), name)


if __name__ == "__main__":
    unittest.main()
