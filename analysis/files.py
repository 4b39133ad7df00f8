"""Writing output files whole or not at all: a temporary file beside the target, renamed into
place only when complete, so a crash never leaves a half-written figure, report or table."""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


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
