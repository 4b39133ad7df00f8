"""Where things live. Every other module takes its paths from here.

``ROOT`` is the repository checkout; the corpus, figures and notebooks sit
beside the package. Lexicons and schemas ship inside the package, so they are
found in an installed copy too.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
CORPUS_DIR = ROOT / "corpus"
FIGURES_DIR = ROOT / "figures"
NOTEBOOKS_DIR = ROOT / "notebooks"
LEXICON_DIR = PACKAGE_DIR / "lexicons"
SCHEMA_DIR = PACKAGE_DIR / "schemas"
DEFAULT_STORY = "milley-china-calls"
MODEL_DIR = PACKAGE_DIR / "models"
ASSET_DIR = PACKAGE_DIR / "assets"
