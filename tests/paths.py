"""Paths of the tests' own fixtures (importable from every test module)."""

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
TEST_CORPUS = FIXTURES / "corpus"
TEST_STORY = "school-board-vote"
