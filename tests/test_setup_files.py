"""The set-up files agree with each other: pyproject.toml and environment.yml name the same packages."""

import re
import tomllib

import yaml

from analysis.paths import ROOT


def _name(requirement):
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower()


def test_environment_yml_and_pyproject_name_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r): r for r in project["dependencies"] + project["optional-dependencies"]["dev"]}
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in environment["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    have = {_name(r): r for r in conda}
    assert have.keys() == wanted.keys()
    for name, requirement in wanted.items():
        # conda-forge spells package names in lower case
        assert have[name].replace(" ", "").lower() == requirement.replace(" ", "").lower(), name
    pip = [d for d in environment["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert pip == ["-e ."]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text()
    assert "make figures" in (ROOT / "README.md").read_text()
