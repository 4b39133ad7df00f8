"""The package as a whole: fast, lazy import; the command line; the Makefile's help."""

import subprocess
import sys

import pytest

import analysis
from analysis.__main__ import main
from analysis.imports import without_module
from analysis.paths import ROOT


def test_import_is_lazy():
    code = "import sys, analysis; print(sorted(m for m in ('pandas', 'nltk', 'matplotlib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_public_names_resolve():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None
    with pytest.raises(AttributeError):
        getattr(analysis, "no_such_function")


def test_cli_corpus_lists_articles_and_log(capsys):
    assert main(["corpus", "--story", "milley-china-calls"]) == 0
    out = capsys.readouterr().out
    assert "global-times" in out and "photo_credit" in out


def test_cli_reports_bad_story_without_traceback(capsys):
    assert main(["corpus", "--story", "no-such-story"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no such story folder" in err


def test_make_help_lists_every_target():
    result = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    targets = {line.split()[1] for line in result.stdout.splitlines() if line.strip().startswith("make ")}
    assert {"figures", "test", "install", "help"} <= targets


def test_exported_functions_are_not_shadowed_by_modules():
    """Importing a submodule sets an attribute of the package; no export may share a module's name."""
    import importlib
    import pkgutil

    import analysis

    for module in pkgutil.iter_modules(analysis.__path__):
        importlib.import_module(f"analysis.{module.name}")
    for name in analysis.__all__:
        value = getattr(analysis, name)
        assert not isinstance(value, type(analysis)), f"analysis.{name} is a module, not the function"


def test_without_module_hides_a_module_only_inside_the_block(tmp_path, monkeypatch):
    (tmp_path / "mf_probe_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with without_module("mf_probe_module"):
        with pytest.raises(ImportError):
            import mf_probe_module  # noqa: F401
    import mf_probe_module

    assert mf_probe_module.VALUE == 1
    with without_module("mf_probe_module"):  # already loaded: left alone
        import mf_probe_module as again
    assert again is mf_probe_module
    del sys.modules["mf_probe_module"]


def test_loading_a_story_and_the_notebook_runner_skip_the_slow_optional_parser():
    """jsonschema would otherwise load rfc3987_syntax, about 3 s, in every lesson and every build."""
    code = ("import sys, analysis.pipelines.notebooks, analysis; analysis.load_story('milley-china-calls'); "
            "import jsonschema; print('rfc3987_syntax' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
