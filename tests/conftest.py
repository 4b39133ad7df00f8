"""Shared fixtures: a scratch copy of the synthetic test story, and the bodies of both stories."""

import shutil

import pytest

from analysis.stories.story import load_story
from paths import TEST_CORPUS, TEST_STORY


@pytest.fixture
def story_copy(tmp_path):
    """A writable copy of the synthetic story, for tests that break it on purpose."""
    target = tmp_path / "corpus" / TEST_STORY
    shutil.copytree(TEST_CORPUS / TEST_STORY, target)
    return target


@pytest.fixture(scope="session")
def story_bodies():
    """The body of every article of the seed story and of the synthetic test story."""
    return [body for story in (load_story("milley-china-calls"), load_story(TEST_STORY, corpus_dir=TEST_CORPUS))
            for body in story.articles["body"]]
