"""Tests for analysis.corpus: loading stories, metadata validation, bad input."""

import hashlib
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.stories.corpus import CorpusWarning, load_article, load_corpus, read_metadata
from analysis.errors import CorpusError
from analysis.paths import CORPUS_DIR
from paths import TEST_CORPUS, TEST_STORY

SEED_STORY = CORPUS_DIR / "milley-china-calls"


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_seed_texts_are_byte_identical_to_their_recorded_checksums():
    sums = dict(line.split()[::-1] for line in (SEED_STORY / "SHA256SUMS").read_text().splitlines())
    assert sorted(sums) == ["blog.txt", "conservative-site.txt", "global-times.txt", "newsweek.txt", "wsws.txt"]
    for name, digest in sums.items():
        assert sha256(SEED_STORY / name) == digest, name


def test_load_corpus_returns_the_five_seed_articles_with_metadata():
    corpus = analysis.load_corpus("milley-china-calls")
    assert corpus["article_id"].tolist() == ["wsws", "global-times", "newsweek", "blog", "conservative-site"]
    assert corpus["outlet_type"].tolist() == [
        "socialist site", "state media", "news magazine", "blog", "conservative site"]
    wsws = corpus.set_index("article_id").loc["wsws"]
    assert (wsws["byline"], wsws["date"], wsws["language"]) == ("Barry Grey", "2021-09-14", "en")
    assert corpus.set_index("article_id").loc["blog", "outlet"] == "unknown"
    assert corpus.set_index("article_id").loc["newsweek", "date_inferred"] == "2021-09-16"
    for row in corpus.itertuples():
        assert row.raw == Path(row.file).read_text(encoding="utf-8")


def test_seed_furniture_is_removed_and_listed():
    corpus = analysis.load_corpus("milley-china-calls")
    bodies = corpus.set_index("article_id")["body"]
    removed = {
        "wsws": ["To contact the WSWS", "wsws.org/contact", "Barry Grey"],
        "global-times": ["China US Photo:GT", "Published: Sep 15"],
        "newsweek": ["BRENDAN SMIALOWSKI/AFP", "China Dodges Mike Milley Controversy"],
        "conservative-site": ["Shipping News and Reviews", "Support conservative voices!", "RELATED:",
                              "Comments are closed.", "Now is the time to support", "(@joshrogin)"],
        "blog": ["Originally tweeted by"],
    }
    for article_id, snippets in removed.items():
        for snippet in snippets:
            assert snippet not in bodies[article_id], (article_id, snippet)
    log = analysis.cleaning_log(corpus)
    joins = log[log["action"] == "joined"]
    assert joins["article_id"].tolist() == ["wsws"] * 3
    assert "certification of the electoral vote" in bodies["wsws"]
    assert "the central role of Trump's former adviser" in bodies["wsws"]
    assert "called for a police state." in bodies["wsws"]
    assert set(log["action"]) == {"set aside", "removed", "joined", "kept as embedded post", "kept as quotation"}


def test_seed_embedded_tweets_keep_their_authors():
    blocks = analysis.article_blocks(analysis.load_corpus("milley-china-calls"))
    posts = blocks[blocks["kind"] == "embedded_post"]
    assert posts.groupby("article_id")["author"].apply(lambda a: sorted(set(a))).to_dict() == {
        "blog": ["Josh Rogin"],
        "conservative-site": ["Axios", "Jennifer Griffin", "Josh Rogin", "Zach Basu"],
    }
    assert "Esper ordered a back channel message" in " ".join(posts["text"])


def test_synthetic_story_counts_checked_by_eye():
    corpus = load_corpus(TEST_STORY, corpus_dir=TEST_CORPUS)
    log = analysis.cleaning_log(corpus)
    counts = log.groupby(["article_id", "action"]).size().to_dict()
    assert counts == {
        ("gazette", "set aside"): 3, ("gazette", "removed"): 3, ("gazette", "joined"): 1,
        ("parents-blog", "kept as embedded post"): 1, ("parents-blog", "set aside"): 1,
        ("parents-blog", "removed"): 1,
        ("district-news", "set aside"): 1, ("district-news", "removed"): 3,
    }


def test_load_article_reads_one_file_with_its_metadata():
    article = load_article(SEED_STORY / "newsweek.txt")
    assert article["outlet"] == "Newsweek"
    assert article["body"].startswith("A Chinese government official said")


def test_loading_never_changes_anything_on_disk(story_copy):
    before = {p: p.read_bytes() for p in story_copy.iterdir()}
    load_corpus(TEST_STORY, corpus_dir=story_copy.parent)
    assert {p: p.read_bytes() for p in story_copy.iterdir()} == before


# --- bad input: one clear error of the package's own type per case ---------------------------

def _error(story_copy, match):
    with pytest.raises(CorpusError, match=match) as caught:
        load_corpus(TEST_STORY, corpus_dir=story_copy.parent)
    return caught.value


def _edit_metadata(story_copy, old, new):
    path = story_copy / "metadata.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_undecodable_bytes(story_copy):
    (story_copy / "gazette.txt").write_bytes(b"Caf\xe9 owners protest.\n")
    error = _error(story_copy, "not UTF-8")
    assert error.path.name == "gazette.txt" and "line 1" in str(error)


def test_empty_file(story_copy):
    (story_copy / "gazette.txt").write_text("  \n\n")
    assert _error(story_copy, "is empty").path.name == "gazette.txt"


def test_binary_file(story_copy):
    (story_copy / "gazette.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _error(story_copy, "binary").path.name == "gazette.txt"


def test_html_page(story_copy):
    (story_copy / "gazette.txt").write_text("<!DOCTYPE html><html><body><p>News</p></body></html>")
    assert _error(story_copy, "HTML").path.name == "gazette.txt"


def test_file_over_size_limit(story_copy):
    (story_copy / "gazette.txt").write_text("word " * 250_000)
    assert _error(story_copy, "over the limit").path.name == "gazette.txt"


def test_missing_metadata_field(story_copy):
    _edit_metadata(story_copy, "    byline: Ana Ruiz\n", "")
    error = _error(story_copy, "'byline' is a required property")
    assert error.path.name == "metadata.yml" and "line 10" in str(error)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("outlet_type: newspaper", "outlet_type: tabloid", "'tabloid' is not allowed; choose one of"),
        ('date: "2024-03-03"', 'date: "2024-02-30"', "'2024-02-30' is not a real date"),
        ('date: "2024-03-03"', "date: March 3", "YYYY-MM-DD"),
        ("id: parents-blog", "id: gazette", "id 'gazette' is used twice"),
        ("    language: en\n", "    language: en\n    author: Ana\n", "'author' was unexpected"),
        ("    language: en\n", "    language: en\n    language: fr\n", "'language' appears twice"),
        ("title: Board votes", "title: [Board votes", r"line \d+: not valid YAML"),
    ],
    ids=["invalid-value", "impossible-date", "badly-formatted-date", "duplicate-id", "unknown-field",
         "duplicate-field", "yaml-syntax"],
)
def test_bad_metadata(story_copy, old, new, message):
    _edit_metadata(story_copy, old, new)
    assert _error(story_copy, message).path.name == "metadata.yml"


def test_missing_metadata_file(story_copy):
    (story_copy / "metadata.yml").unlink()
    with pytest.raises(CorpusError, match="no such story folder|metadata.yml"):
        read_metadata(story_copy)


def test_article_file_without_metadata_entry(story_copy):
    (story_copy / "extra.txt").write_text("A stray article.")
    assert _error(story_copy, "has no entry in metadata.yml").path.name == "extra.txt"


def test_metadata_entry_without_file(story_copy):
    (story_copy / "district-news.txt").unlink()
    assert _error(story_copy, "file not found").path.name == "district-news.txt"


def test_unknown_story():
    with pytest.raises(CorpusError, match="no such story folder"):
        load_corpus("no-such-story")


def test_override_matching_nothing_names_the_metadata_line(story_copy):
    _edit_metadata(story_copy, "    language: en\n",
                   "    language: en\n    overrides:\n      - match: Not in the text\n        kind: body\n"
                   "        why: test\n")
    _error(story_copy, "line 10, article 'gazette': override 1")


def test_skip_mode_warns_and_keeps_the_good_files(story_copy):
    (story_copy / "gazette.txt").write_bytes(b"\x00\x01")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(TEST_STORY, corpus_dir=story_copy.parent, errors="skip")
    assert corpus["article_id"].tolist() == ["parents-blog", "district-news"]
    assert len(caught) == 1 and issubclass(caught[0].category, CorpusWarning)
    assert "gazette.txt" in str(caught[0].message)


def test_errors_argument_is_checked():
    with pytest.raises(ValueError):
        load_corpus(errors="ignore")


def test_article_blocks_is_tidy():
    blocks = analysis.article_blocks(load_corpus(TEST_STORY, corpus_dir=TEST_CORPUS))
    assert isinstance(blocks, pd.DataFrame)
    assert blocks.columns[0] == "article_id"
    assert set(blocks["action"]) == {"kept", "set aside", "removed"}


# --- files that try to escape, explode or hang: one CorpusError each, also under errors="skip" ---

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


@pytest.mark.parametrize("name, content, match", [
    ("metadata.yml", LAUGHS, "aliases and anchors"),  # 9 ** 9 strings once expanded
    ("metadata.yml", "? [a, b]\n: c\n", "a key must be plain text"),
    ("metadata.yml", "[" * 5000 + "]" * 5000, "nested too deeply"),
    ("metadata.yml", "story: !!python/object/apply:os.system [ls]\n", "the tag tag:yaml.org,2002:python"),
    ("metadata.yml", "story: x\n" * 300_000, "is over 1,000,000 bytes"),
])
def test_yaml_that_could_explode_or_run_code_gets_one_error(story_copy, name, content, match):
    (story_copy / name).write_text(content, encoding="utf-8")
    _error(story_copy, match)
    with pytest.warns(CorpusWarning, match=match):
        assert load_corpus(TEST_STORY, corpus_dir=story_copy.parent, errors="skip").empty


def test_actors_yml_refuses_aliases_and_python_tags(story_copy):
    (story_copy / "actors.yml").write_text("actors:\n  Lee: !!python/name:os.system [Lee]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="actors.yml.*the tag"):
        analysis.load_story(TEST_STORY, corpus_dir=story_copy.parent)
    (story_copy / "actors.yml").write_text(LAUGHS, encoding="utf-8")
    with pytest.raises(CorpusError, match="actors.yml.*aliases"):
        analysis.load_story(TEST_STORY, corpus_dir=story_copy.parent)


def test_a_metadata_folder_or_a_fifo_is_not_read(story_copy):
    (story_copy / "metadata.yml").unlink()
    (story_copy / "metadata.yml").mkdir()
    _error(story_copy, "is not a regular file")
    (story_copy / "metadata.yml").rmdir()
    os.mkfifo(story_copy / "metadata.yml")  # reading it would wait forever
    _error(story_copy, "is not a regular file")


@pytest.mark.parametrize("story", ["../school-board-vote", "/etc", "School Board", "", "a/b"])
def test_a_story_id_can_only_name_a_folder_of_the_corpus(story):
    with pytest.raises(CorpusError, match="is not a story id"):
        load_corpus(story, corpus_dir=TEST_CORPUS)
    with pytest.raises(CorpusError, match="is not a story id"):
        analysis.load_story(story, corpus_dir=TEST_CORPUS)


def test_the_report_command_refuses_a_story_outside_the_corpus(tmp_path, capsys):
    from analysis.__main__ import main

    assert main(["report", "--story", str(tmp_path)]) == 1
    assert "is not a story id" in capsys.readouterr().err and list(tmp_path.iterdir()) == []


def test_an_article_or_metadata_that_links_out_of_the_story_folder_is_refused(story_copy, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("The password is swordfish, officials said.\n", encoding="utf-8")
    (story_copy / "gazette.txt").unlink()
    (story_copy / "gazette.txt").symlink_to(outside)
    assert _error(story_copy, "leads outside").path.name == "gazette.txt"
    (story_copy / "gazette.txt").unlink()
    (story_copy / "gazette.txt").symlink_to(story_copy / "district-news.txt")  # inside: fine
    load_corpus(TEST_STORY, corpus_dir=story_copy.parent)


def test_utf16_text_is_named_as_such(story_copy):
    (story_copy / "gazette.txt").write_bytes("Officials said it.\n".encode("utf-16"))
    assert _error(story_copy, "UTF-16").path.name == "gazette.txt"
