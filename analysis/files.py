"""Writing output files whole or not at all: a temporary file beside the target, renamed into
place only when complete, so a crash never leaves a half-written figure, report or table."""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd


def temporary_beside(path):
    """A new empty temporary file in the folder of ``path`` (hidden, ends in .tmp)."""
    path = Path(path)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    return Path(name)


def publish(tmp, path):
    """Rename a finished temporary file to ``path``, with the usual permissions (a temporary
    file is private to its owner; the output is not)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)
    return Path(path)


@contextmanager
def atomic_path(path):
    """A temporary path to write ``path``'s content to; renamed to ``path`` when the block ends
    without an error, removed otherwise (the folder is made if need be)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_beside(path)
    try:
        yield tmp
        publish(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomically(path, content):
    """Write text to ``path`` through a temporary file; returns the path."""
    with atomic_path(path) as tmp:
        tmp.write_text(content, encoding="utf-8", newline="\n")
    return Path(path)


# A spreadsheet reads a cell that starts with one of these as a formula (CSV injection):
# such a text cell is written with an apostrophe before it, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(cell):
    """``cell`` with an apostrophe before it when it is text a spreadsheet would run as a formula."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def plain_cell(cell):
    """Undo ``safe_cell`` on a cell read back from a CSV file.

    >>> [plain_cell(safe_cell(text)) for text in ("=SUM(A1)", "'quoted'", "-")]
    ['=SUM(A1)', "'quoted'", '-']
    """
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def spreadsheet_safe(frame):
    """A copy of ``frame`` whose text cells a spreadsheet would run as a formula start with an
    apostrophe (numbers are left alone).

    >>> import pandas as pd
    >>> spreadsheet_safe(pd.DataFrame({"a": ["=1+1", "@handle", "plain"], "b": [-1, 2, 3]})).values.tolist()
    [["'=1+1", -1], ["'@handle", 2], ['plain', 3]]
    """
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(safe_cell)
    return frame
