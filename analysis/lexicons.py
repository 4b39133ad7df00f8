"""Word lists and pattern lists shipped as data, each with a sidecar of provenance.

A lexicon is a CSV file in ``analysis/lexicons/`` and a YAML sidecar of the same
name describing it (name, version, description, sources, licence, columns).
Users can pass their own CSV file or DataFrame wherever a lexicon is accepted.

>>> info = lexicon_info("abbreviations")
>>> info["licence"].startswith("CC0")
True
>>> "gen" in set(load_lexicon("abbreviations")["abbreviation"])
True
"""

from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.errors import LexiconError
from analysis.paths import LEXICON_DIR


def available_lexicons():
    """Names of the lexicons shipped with the package, sorted."""
    return sorted(p.stem for p in LEXICON_DIR.glob("*.csv"))


def lexicon_info(name):
    """The sidecar of a shipped lexicon as a dict (name, version, sources, licence, columns)."""
    path = LEXICON_DIR / f"{name}.yml"
    if not path.exists():
        raise LexiconError(
            f"{path}: no lexicon called {name!r}; shipped lexicons are {available_lexicons()}"
        )
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_lexicon(lexicon, required=()):
    """Read a lexicon as a DataFrame of strings.

    Args:
        lexicon: the name of a shipped lexicon, a path to a CSV file, or a DataFrame.
        required: column names that must be present.

    Returns:
        A copy of the table with every cell a string (missing cells are "").

    Raises:
        LexiconError: the file is missing or unreadable, or a required column is absent.
    """
    if isinstance(lexicon, pd.DataFrame):
        table, label = lexicon.copy(), "the lexicon DataFrame"
    else:
        path = Path(lexicon) if _looks_like_path(lexicon) else LEXICON_DIR / f"{lexicon}.csv"
        table, label = _read_csv(path), str(path)
    missing = [column for column in required if column not in table.columns]
    if missing:
        raise LexiconError(
            f"{label}: missing column(s) {missing}; it has {list(table.columns)}. "
            "Add the column to the header line of the CSV file."
        )
    return table.fillna("").astype(str)


def _looks_like_path(lexicon):
    return isinstance(lexicon, Path) or any(sep in str(lexicon) for sep in ("/", "\\", "."))


def _read_csv(path):
    """Read a CSV, cached until the file changes (a user may edit a lexicon and rerun)."""
    if not path.exists():
        raise LexiconError(f"{path}: file not found. Shipped lexicons are {available_lexicons()}.")
    return _read_csv_version(path, path.stat().st_mtime_ns).copy()


@lru_cache(maxsize=32)
def _read_csv_version(path, mtime_ns):
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise LexiconError(f"{path}: cannot be read as a UTF-8 CSV file ({error}).") from None
