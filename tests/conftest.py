"""Shared fixtures: a scratch copy of the synthetic test story."""

import shutil

import pytest

from paths import TEST_CORPUS, TEST_STORY


@pytest.fixture
def story_copy(tmp_path):
    """A writable copy of the synthetic story, for tests that break it on purpose."""
    target = tmp_path / "corpus" / TEST_STORY
    shutil.copytree(TEST_CORPUS / TEST_STORY, target)
    return target
