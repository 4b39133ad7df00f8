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
