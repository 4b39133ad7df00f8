"""The set-up files agree with each other: pyproject.toml names the packages and their minimum
versions, constraints.txt pins every package `make install` installs, and environment.yml
installs the same versions with conda."""

import importlib.util
import tomllib

from packaging.requirements import Requirement

from analysis.paths import ROOT

_SPEC = importlib.util.spec_from_file_location("pin_environment", ROOT / "tools" / "pin_environment.py")
pin_environment = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(pin_environment)


def _requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return [Requirement(r) for r in project["dependencies"] + extras["dev"] + extras["scale"]]


def test_the_lock_pins_every_requirement_within_its_minimum():
    pins = pin_environment.locked_versions((ROOT / "constraints.txt").read_text())
    for requirement in _requirements():
        name = pin_environment.package_name(requirement.name)
        assert name in pins, name
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name])
    assert "pandas" in pins and "numpy" in pins  # dependencies of dependencies are pinned too


def test_environment_yml_is_written_from_pyproject_and_the_lock():
    expected = pin_environment.environment_text((ROOT / "pyproject.toml").read_text(),
                                                (ROOT / "constraints.txt").read_text())
    assert (ROOT / "environment.yml").read_text() == expected


def test_pin_environment_names_what_the_lock_lacks():
    pyproject = (ROOT / "pyproject.toml").read_text()
    try:
        pin_environment.environment_text(pyproject, "# on Python 3.11.7\npandas==2.2.0\n")
    except SystemExit as error:
        assert "constraints.txt: no pinned version for scikit-learn" in str(error)
    else:
        raise AssertionError("a lock without scikit-learn was accepted")
    text = pin_environment.environment_text(pyproject, "\n".join(
        ["# on Python 3.12.1"] + [f"{r.name}==9.9" for r in _requirements()]))
    assert "  - python=3.12\n" in text and "  - pandas==9.9\n" in text and "  - dask==9.9\n" in text


def test_make_install_uses_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    assert "LOCK := constraints.txt" in makefile and "-c $(LOCK) -e '.[dev,scale]'" in makefile
    assert "$(INSTALLED): pyproject.toml $(LOCK)" in makefile


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
    assert "make figures" in (ROOT / "README.md").read_text()
