# SPDX-License-Identifier: MIT
"""AtenScope installed like a desktop tool: `cmake --install` into a temporary DESTDIR, then
the installed executable run from another folder (its plugin and profiles found where they were
installed), the desktop entry and AppStream metadata validated, the man page in step with
`--help`, and the Debian package built by CPack checked by lintian.

Needs ATENSCOPE_BUILD_DIR (the build tree) and ATENSCOPE_TEST_DATA; CTest sets both.
"""

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BUILD = os.environ.get("ATENSCOPE_BUILD_DIR", "build")


def with_torch():
    """Whether the build has the libtorch plugin (the sanitizer preset turns it off)."""
    try:
        with open(os.path.join(BUILD, "CMakeCache.txt"), encoding="utf-8") as handle:
            return "ATENSCOPE_WITH_TORCH:BOOL=OFF" not in handle.read()
    except OSError:
        return True
DATA = os.environ.get("ATENSCOPE_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
SAMPLE = os.path.join(DATA, "torch1.13", "resnet18.simulated-ttnn.json")


def tool(name):
    path = shutil.which(name)
    if path is None:
        raise unittest.SkipTest(name + " is not installed (scripts/install-deps installs it)") if not os.environ.get(
            "CI") else AssertionError(name + " is not installed")
    return path


class Installed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.destdir = os.path.join(cls.tmp.name, "root")
        cls.prefix = os.path.join(cls.destdir, "usr")
        env = dict(os.environ, DESTDIR=cls.destdir)
        r = subprocess.run(["cmake", "--install", BUILD, "--prefix", "/usr"], capture_output=True, text=True, env=env)
        if r.returncode != 0:
            raise AssertionError("cmake --install failed:\n" + r.stdout + r.stderr)
        cls.exe = os.path.join(cls.prefix, "bin", "atenscope")
        cls.elsewhere = os.path.join(cls.tmp.name, "elsewhere")
        os.makedirs(cls.elsewhere)
        # No user profiles: only the installed ones and those compiled in.
        cls.env = dict(os.environ, XDG_DATA_HOME=os.path.join(cls.tmp.name, "xdg"), QT_QPA_PLATFORM="offscreen")
        cls.env.pop("ATENSCOPE_TORCH_PLUGIN", None)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_installed(self, *args, env=None):
        return subprocess.run([self.exe, *args], capture_output=True, text=True, cwd=self.elsewhere, env=dict(self.env, **(env or {})))

    def test_layout(self):
        plugin = ["lib/atenscope/plugins/libatenscope_torch_schemas.so", "lib/atenscope/atenscope-torchscript"] if with_torch() else []
        for rel in ["bin/atenscope", *plugin, "share/atenscope/profiles/ttnn.json", "share/atenscope/profiles/partitioned.json",
                    "share/atenscope/profiles/generic.json", "lib/python3/dist-packages/atenscope_dump.py",
                    "share/atenscope/sample/resnet18.simulated-ttnn.json", "share/atenscope/sample/resnet18.original.json",
                    "share/applications/io.atenscope.AtenScope.desktop",
                    "share/metainfo/io.atenscope.AtenScope.metainfo.xml",
                    "share/icons/hicolor/scalable/apps/atenscope.svg",
                    "share/icons/hicolor/48x48/apps/atenscope.png", "share/icons/hicolor/256x256/apps/atenscope.png",
                    "share/man/man1/atenscope.1.gz", "share/doc/atenscope/copyright"]:
            self.assertTrue(os.path.isfile(os.path.join(self.prefix, rel)), rel + " is not installed")

    def test_version(self):
        r = self.run_installed("--version")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^atenscope \d+\.\d+\.\d+\n")

    def test_analyze_and_render_from_another_folder(self):
        r = self.run_installed("analyze", SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Remaining aten ops   21 (2)", r.stdout)
        out = os.path.join(self.elsewhere, "graph.png")
        r = self.run_installed("render", SAMPLE, "--out", "graph.png")
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as handle:
            self.assertEqual(handle.read(8), b"\x89PNG\r\n\x1a\n")

    @unittest.skipUnless(with_torch(), "built without the libtorch plugin (ATENSCOPE_WITH_TORCH=OFF, as the asan preset)")
    def test_plugin_found_where_installed(self):
        # A dump without its schemas: argument names come from libtorch's registry, in the plugin.
        with open(SAMPLE, encoding="utf-8") as handle:
            doc = json.load(handle)
        doc.pop("schemas", None)
        stripped = os.path.join(self.elsewhere, "no-schemas.json")
        with open(stripped, "w", encoding="utf-8") as handle:
            json.dump(doc, handle)
        # The schema table compiled in answers first; left out, libtorch's registry must answer.
        r = self.run_installed("analyze", stripped, "--json", env={"ATENSCOPE_SCHEMA_TABLE": "off"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("not available", r.stderr)
        # Without the registry they would read "arg0 = ?": check names, briefly (the output is long).
        self.assertRegex(r.stdout[:20000], r"Tensor<\[1, 64, 112, 112\]> input = \?, Optional\[Tensor\]<\[64\]> weight = \?")
        self.assertTrue("float momentum = 0.1" in r.stdout, "no argument names from libtorch's registry")
        # Neither the table nor the registry: arg0, arg1, ... and a warning.
        r = self.run_installed("analyze", stripped, "--json",
                               env={"ATENSCOPE_SCHEMA_TABLE": "off", "ATENSCOPE_TORCH_PLUGIN": "/nonexistent/plugin.so"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("not available", r.stderr)
        self.assertTrue("arg0 = ?" in r.stdout and "float momentum" not in r.stdout)
        # The table alone (the installed plugin hidden) gives the names too.
        r = self.run_installed("analyze", stripped, "--json", env={"ATENSCOPE_TORCH_PLUGIN": "/nonexistent/plugin.so"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue("float momentum = 0.1" in r.stdout, "no argument names from the schema table")

    @unittest.skipUnless(with_torch(), "built without the libtorch plugin (ATENSCOPE_WITH_TORCH=OFF, as the asan preset)")
    def test_torchscript_read_where_installed(self):
        # libtorch reads TorchScript in its own process (lib/atenscope/atenscope-torchscript),
        # found beside the installed plugin; a hostile archive is refused by its limits.
        r = self.run_installed("analyze", os.path.join(DATA, "torchscript", "branches.scripted.pt"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("aten.softmax.int", r.stdout)
        hostile = os.path.join(DATA, "..", "fuzz", "findings", "torchscript-debug-pkl-1.9GB.pt")
        r = self.run_installed("analyze", hostile)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("out of memory (the limit is", r.stderr)

    def test_profiles_found_where_installed(self):
        profiles = os.path.join(self.prefix, "share", "atenscope", "profiles")
        # An installed profile file is what a profile name finds, before the one compiled in...
        with open(os.path.join(profiles, "generic.json"), encoding="utf-8") as handle:
            generic = json.load(handle)
        mine = dict(generic, name="my-backend")
        with open(os.path.join(profiles, "my-backend.json"), "w", encoding="utf-8") as handle:
            json.dump(mine, handle)
        try:
            r = self.run_installed("analyze", SAMPLE, "--profile", "my-backend")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("(profile my-backend,", r.stdout)
        finally:
            os.remove(os.path.join(profiles, "my-backend.json"))
        # ...and a name nobody has is refused, naming the folders' profiles too.
        r = self.run_installed("analyze", SAMPLE, "--profile", "my-backend")
        self.assertEqual(r.returncode, 2)
        self.assertIn("no such profile", r.stderr)

    def test_companion_installed(self):
        """Where Debian's Python imports from with no PYTHONPATH (/usr/lib/python3/dist-packages),
        and it imports from there; show() and analyze() find the program installed beside it."""
        python = os.environ.get("ATENSCOPE_PYTHON", "/usr/bin/python3")
        path = subprocess.run([python, "-c", "import sys; print('\\n'.join(sys.path))"], capture_output=True, text=True,
                              env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, check=True).stdout.split("\n")
        self.assertIn("/usr/lib/python3/dist-packages", path)
        installed = os.path.join(self.prefix, "lib", "python3", "dist-packages")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ATENSCOPE")}
        env["PYTHONPATH"] = installed  # the DESTDIR's stand-in for /usr/lib/python3/dist-packages
        env["PATH"] = "/usr/bin:/bin"  # no atenscope on PATH: found beside the module
        r = subprocess.run([python, "-c", "import atenscope_dump; print(atenscope_dump.__file__); print(atenscope_dump.find_atenscope())"],
                           capture_output=True, text=True, cwd=self.elsewhere, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        where, exe = r.stdout.split()
        self.assertTrue(where.startswith(installed), where)
        self.assertEqual(os.path.realpath(exe), os.path.realpath(self.exe))

    def test_desktop_entry_valid(self):
        r = subprocess.run([tool("desktop-file-validate"),
                            os.path.join(self.prefix, "share/applications/io.atenscope.AtenScope.desktop")],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.strip(), "", r.stdout)

    def test_appstream_valid(self):
        r = subprocess.run([tool("appstreamcli"), "validate", "--no-net",
                            os.path.join(self.prefix, "share/metainfo/io.atenscope.AtenScope.metainfo.xml")],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        # A homepage, and screenshots that are pictures this tree holds (docs/images), by URL.
        with open(os.path.join(self.prefix, "share/metainfo/io.atenscope.AtenScope.metainfo.xml"), encoding="utf-8") as handle:
            info = handle.read()
        self.assertRegex(info, r'<url type="homepage">https://[^<]+</url>')
        images = re.findall(r"<image>https://[^<]+/docs/images/([^</]+)</image>", info)
        self.assertGreaterEqual(len(images), 3, info)
        for name in images:
            self.assertTrue(os.path.isfile(os.path.join(DATA, "..", "..", "docs", "images", name)), name)
        self.assertEqual(info.count("<screenshot "), 1, "one default screenshot")

    def test_mime_types(self):
        """The desktop entry offers AtenScope for its own types (not every JSON file), which the
        installed shared-mime-info package declares: graph dumps by their format field, .pt2 by name."""
        with open(os.path.join(self.prefix, "share/applications/io.atenscope.AtenScope.desktop"), encoding="utf-8") as handle:
            mime = next(line for line in handle if line.startswith("MimeType="))
        self.assertNotIn("application/json", mime)
        with tempfile.TemporaryDirectory() as share:
            os.makedirs(os.path.join(share, "mime", "packages"))
            shutil.copy(os.path.join(self.prefix, "share/mime/packages/io.atenscope.AtenScope.xml"), os.path.join(share, "mime", "packages"))
            r = subprocess.run([tool("update-mime-database"), os.path.join(share, "mime")], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            types = set()
            with open(os.path.join(share, "mime", "types"), encoding="utf-8") as handle:
                types = {line.strip() for line in handle}
            for t in mime.strip().split("=", 1)[1].strip(";").split(";"):
                self.assertIn(t, types)
            with open(os.path.join(share, "mime", "globs2"), encoding="utf-8") as handle:
                self.assertIn(":application/x-pytorch-exported-program:*.pt2", handle.read())
            with open(os.path.join(share, "mime", "magic"), "rb") as handle:
                self.assertIn(b'"format":"atenscope.graph"', handle.read())

    def test_shell_completion(self):
        """bash and zsh completion installed where those shells look; bash's completes commands,
        a command's options (from its --help) and option values, from the installed atenscope."""
        bash = os.path.join(self.prefix, "share/bash-completion/completions/atenscope")
        self.assertTrue(os.path.isfile(os.path.join(self.prefix, "share/zsh/vendor-completions/_atenscope")))
        script = f'''
source {bash}
t() {{ COMP_WORDS=("$@"); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMPREPLY=(); _atenscope; echo "${{COMPREPLY[*]}}"; }}
t {self.exe} rep
t {self.exe} analyze --met
t {self.exe} render --gro
t {self.exe} --view c
t {self.exe} help d
'''
        r = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=self.elsewhere)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["report", "--metrics-dir", "--groups", "collapsed", "diff"], r.stdout + r.stderr)

    def test_man_page_in_step_with_help(self):
        with gzip.open(os.path.join(self.prefix, "share/man/man1/atenscope.1.gz"), "rt", encoding="utf-8") as handle:
            man = handle.read()
        man_text = man.replace("\\-", "-")
        man_options = set(re.findall(r"--[a-z][a-z-]*", man_text))
        help_options = set()
        for args in (["--help"], ["analyze", "--help"], ["render", "--help"], ["report", "--help"], ["diff", "--help"]):
            r = self.run_installed(*args)
            self.assertEqual(r.returncode, 0, r.stderr)
            help_options |= set(re.findall(r"--[a-z][a-z-]*", r.stdout))
        self.assertEqual(sorted(help_options - man_options), [], "options in --help missing from the man page")
        self.assertEqual(sorted(man_options - help_options), [], "options in the man page missing from --help")
        for command in ("analyze", "render", "report", "diff"):
            self.assertIn(".SS " + command, man)
        r = self.run_installed("--version")
        self.assertIn('"AtenScope ' + r.stdout.split()[1] + '"', man)


class DebianPackage(unittest.TestCase):
    def test_deb_builds_and_passes_lintian(self):
        tool("dpkg-shlibdeps")
        lintian = tool("lintian")
        with tempfile.TemporaryDirectory() as out:
            r = subprocess.run(["cpack", "-G", "DEB", "-B", out, "--config", os.path.join(BUILD, "CPackConfig.cmake")],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            debs = sorted((f for f in os.listdir(out) if f.endswith(".deb")), key=lambda f: f.split("_")[0])
            # atenscope, and with the plugin built, atenscope-torch apart (libtorch is large and optional).
            self.assertEqual(len(debs), 2 if with_torch() else 1, os.listdir(out))
            self.assertRegex(debs[0], r"^atenscope_\d+\.\d+\.\d+_amd64\.deb$")
            deb = os.path.join(out, debs[0])
            fields = subprocess.run(["dpkg-deb", "--field", deb], capture_output=True, text=True, check=True).stdout
            self.assertRegex(fields, r"Depends: .*libqt6widgets6")
            self.assertNotRegex(fields, r"Depends: .*libtorch")
            self.assertIn("Description: ", fields)
            files = subprocess.run(["dpkg-deb", "--contents", deb], capture_output=True, text=True, check=True).stdout
            self.assertIn("./usr/lib/python3/dist-packages/atenscope_dump.py", files)
            self.assertNotIn("plugins/", files)
            self.assertIn("./usr/share/bash-completion/completions/atenscope", files)
            self.assertIn("./usr/share/zsh/vendor-completions/_atenscope", files)
            if with_torch():
                self.assertIn("Suggests: atenscope-torch", fields)
                self.assertRegex(debs[1], r"^atenscope-torch_\d+\.\d+\.\d+_amd64\.deb$")
                plugin = os.path.join(out, debs[1])
                pfields = subprocess.run(["dpkg-deb", "--field", plugin], capture_output=True, text=True, check=True).stdout
                version = re.search(r"(?m)^Version: (.*)$", fields).group(1)
                self.assertRegex(pfields, r"Depends: atenscope \(= " + re.escape(version) + r"\), .*libtorch")
                pfiles = subprocess.run(["dpkg-deb", "--contents", plugin], capture_output=True, text=True, check=True).stdout
                self.assertIn("./usr/lib/atenscope/plugins/libatenscope_torch_schemas.so", pfiles)
                self.assertIn("./usr/lib/atenscope/atenscope-torchscript", pfiles)
                self.assertIn("./usr/share/doc/atenscope-torch/copyright", pfiles)
            for d in debs:
                r = subprocess.run([lintian, "-I", "--fail-on", "error", os.path.join(out, d)], capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, "lintian:\n" + r.stdout + r.stderr)
                self.assertNotRegex(r.stdout, r"(?m)^E: ", r.stdout)
                # Built with the hardening flags (ATENSCOPE_HARDEN): fortify, bind-now, RELRO.
                self.assertNotRegex(r.stdout, r"hardening-", r.stdout)
            self.check_main_package_alone(deb)

    def check_main_package_alone(self, deb):
        """The atenscope package unpacked alone: a dump opens with no libtorch loaded; a TorchScript
        archive is one error saying what is missing."""
        with tempfile.TemporaryDirectory() as root:
            subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
            exe = os.path.join(root, "usr", "bin", "atenscope")
            base = dict(os.environ, XDG_DATA_HOME=os.path.join(root, "xdg"), QT_QPA_PLATFORM="offscreen")
            base.pop("ATENSCOPE_TORCH_PLUGIN", None)
            base.pop("ATENSCOPE_TORCHSCRIPT_HELPER", None)
            env = dict(base, LD_DEBUG="libs", LD_DEBUG_OUTPUT=os.path.join(root, "ld"))
            r = subprocess.run([exe, "analyze", SAMPLE, "--json"], capture_output=True, text=True, cwd=root, env=env)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertGreater(json.loads(r.stdout)["models"][0]["total_remaining_ops"], 0)
            loaded = ""
            for name in os.listdir(root):
                if name.startswith("ld."):
                    with open(os.path.join(root, name), encoding="utf-8", errors="replace") as handle:
                        loaded += handle.read()
            self.assertIn("libQt6Core", loaded)  # the log is there
            self.assertNotIn("libtorch", loaded)
            r = subprocess.run([exe, "analyze", os.path.join(DATA, "torchscript", "branches.scripted.pt")], capture_output=True, text=True,
                               cwd=root, env=base)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertEqual(r.stdout, "")
            self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
            self.assertIn("branches.scripted.pt", r.stderr)
            self.assertIn("atenscope-torch", r.stderr)


if __name__ == "__main__":
    unittest.main()
