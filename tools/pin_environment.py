"""Write environment.yml from pyproject.toml and constraints.txt (run by `make lock`).

The conda environment gets the packages pyproject.toml names (dependencies and the dev and
scale extras), each pinned to the version constraints.txt holds, so that conda and
`make install` install the same versions.
"""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
# Conda / Binder environment: the packages of pyproject.toml at the versions of constraints.txt
# (written by `make lock`; a test keeps the three in step).
# conda env create -f environment.yml && conda activate media-framing
name: media-framing
channels:
  - conda-forge
dependencies:
"""


# Packages published on PyPI only (not on conda-forge): the environment installs them with pip.
PIP_ONLY = {"axe-playwright-python"}


def package_name(requirement):
    """The package a requirement names, in lower case: 'dask[distributed]>=2024.1' -> 'dask'."""
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def locked_versions(text):
    """``{package name: version}`` of a constraints file's ``name==version`` lines."""
    pins = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[package_name(name)] = version.strip()
    return pins


def wanted_packages(pyproject_text):
    """The package names of pyproject.toml's dependencies and of its dev and scale extras, in order."""
    project = tomllib.loads(pyproject_text)["project"]
    extras = project["optional-dependencies"]
    names = [package_name(r) for r in project["dependencies"] + extras["dev"] + extras["scale"]]
    return list(dict.fromkeys(names))


def environment_text(pyproject_text, constraints_text):
    """The text of environment.yml."""
    pins = locked_versions(constraints_text)
    python = re.search(r"on Python (\d+\.\d+)", constraints_text)
    missing = [name for name in wanted_packages(pyproject_text) if name not in pins]
    if missing or not python:
        raise SystemExit(f"constraints.txt: no pinned version for {', '.join(missing) or 'Python'}; run make lock")
    lines = [f"  - python={python.group(1)}", "  - pip"]
    names = wanted_packages(pyproject_text)
    lines += [f"  - {name}=={pins[name]}" for name in names if name not in PIP_ONLY]
    lines += ["  - pip:"] + [f"      - {name}=={pins[name]}" for name in names if name in PIP_ONLY]
    return HEADER + "\n".join(lines + ["      - -e ."]) + "\n"


if __name__ == "__main__":
    text = environment_text((ROOT / "pyproject.toml").read_text(), (ROOT / "constraints.txt").read_text())
    (ROOT / "environment.yml").write_text(text)
