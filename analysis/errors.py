"""The package's own exception types.

Every problem with user-supplied input (an article file, a metadata file, a
lexicon) is raised as one of these, with a message that names the file, the
line if there is one, and what to do about it.
"""

from pathlib import Path


class FramingError(Exception):
    """Base class for every error this package raises on purpose."""


class CorpusError(FramingError):
    """A story folder, article file or metadata file cannot be used as it is.

    Attributes:
        path: the file (or folder) at fault.
        problem: what is wrong, in plain words, including what to do.
    """

    def __init__(self, path, problem):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class LexiconError(FramingError):
    """A lexicon file is missing, unreadable or lacks a required column."""


class InputError(FramingError):
    """An input corpus cannot be read as asked (missing column, unreadable file, unknown format)."""


class NotTextError(InputError, TypeError):
    """A text function was given something that is not a string (a number, None, bytes)."""


class DatasetError(FramingError):
    """A public dataset is missing from the data folder, or not in the shape its authors distribute."""


class CorpusWarning(UserWarning):
    """A bad article file was skipped because ``errors="skip"`` was asked for."""
