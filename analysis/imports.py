"""Importing a third-party package without an optional part of it that the project never uses.

jsonschema imports ``rfc3987_syntax`` when it is installed (Jupyter brings it along), and that
package builds some forty parsers as it loads: about 3 s in every process that validates a
story file or reads a notebook (nbformat imports jsonschema). Nothing here checks the "iri"
formats it serves, so the loaders hide it: ``with without_module("rfc3987_syntax"): ...``.
"""

import sys
from contextlib import contextmanager


@contextmanager
def without_module(name):
    """Within the block, importing ``name`` fails as if it were not installed (packages that
    treat it as optional carry on without it), unless something had loaded it already."""
    hide = name not in sys.modules
    if hide:
        sys.modules[name] = None
    try:
        yield
    finally:
        if hide and name in sys.modules and sys.modules[name] is None:
            del sys.modules[name]
