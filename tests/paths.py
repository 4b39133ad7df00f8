"""Paths of the tests' own fixtures (importable from every test module)."""

import os
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
TEST_CORPUS = FIXTURES / "corpus"
TEST_STORY = "school-board-vote"
# where the browser tests save their screenshots, to look at
SCREENSHOTS = Path(os.environ.get("MF_SCREENSHOT_DIR", Path(__file__).parent / ".screenshots"))
