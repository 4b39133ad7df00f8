"""Tests for analysis.stories.reading: a story's careful reading, read and checked."""

import shutil

import pytest

import analysis
from analysis.errors import CorpusError
from analysis.measures.agreement import match_marks, agreement, program_marks
from analysis.stories.reading import READING_COLUMNS, place_mark
from paths import TEST_CORPUS, TEST_STORY

HEADER = "article,layer,start,end,text,label,speaker,attribution,note\n"
# The gazette's body opens: 'The school board voted 4-3 on Tuesday to close Elm Street School at the
# end of the year, a decision that angry parents called "reckless."'
GOOD_ROWS = ('gazette,loaded,127,135,reckless,emotive_intensifier,,,\n'
             'gazette,stance,126,137,"""reckless.""",scare_quote,,,the parents\' word\n'
             'gazette,cue,119,125,called,evaluative,parents,1,\n'
             'gazette,source,105,118,angry parents,anonymous,parents,1,\n')


@pytest.fixture
def story_folder(tmp_path):
    shutil.copytree(TEST_CORPUS / TEST_STORY, tmp_path / TEST_STORY)
    return tmp_path


def _write(folder, rows):
    (folder / TEST_STORY / "reading.csv").write_text(HEADER + rows, encoding="utf-8")


def test_a_story_without_a_reading_has_an_empty_one():
    story = analysis.load_story(TEST_STORY, corpus_dir=TEST_CORPUS)
    assert story.reading.empty and list(story.reading.columns) == READING_COLUMNS


def test_a_good_reading_is_read_with_typed_columns(story_folder):
    _write(story_folder, GOOD_ROWS)
    story = analysis.load_story(TEST_STORY, corpus_dir=story_folder)
    reading = story.reading
    assert list(reading["layer"]) == ["loaded", "stance", "cue", "source"]
    assert reading.loc[1, "text"] == '"reckless."'
    assert list(reading["attribution"]) == [0, 0, 1, 1]
    body = story.articles.set_index("article_id").body["gazette"]
    assert [body[a:b] for a, b in zip(reading["start"], reading["end"])] == list(reading["text"])


def test_every_bad_row_is_named_in_one_error(story_folder):
    rows = ("gazette,loaded,127,135,reckless,emotive_intensifier,,,\n"
            "nowhere,loaded,0,3,The,name_calling,,,\n"         # unknown article
            "gazette,colour,0,3,The,red,,,\n"                   # unknown layer
            "gazette,loaded,0,3,The,angry,,,\n"                 # unknown label
            "gazette,loaded,0,5,Thx,other_loaded,,,\n"          # text not at the offsets
            "gazette,cue,119,125,called,neutral,,1,\n"          # cue without speaker
            "gazette,source,0,3,The,anonymous,parents,,\n"      # source without attribution number
            "gazette,tone,0,3,The,negative,,,\n"                # tone without actor
            "gazette,loaded,x,3,The,name_calling,,,\n")         # offsets not numbers
    _write(story_folder, rows)
    with pytest.raises(CorpusError) as caught:
        analysis.load_story(TEST_STORY, corpus_dir=story_folder)
    message = str(caught.value)
    assert "reading.csv" in message
    for line in range(3, 11):
        assert f"line {line}:" in message
    assert "line 2:" not in message


def test_a_reading_without_its_columns_is_refused(story_folder):
    for content in ("article,layer\ngazette,loaded\n", "article,layer\n", ""):
        (story_folder / TEST_STORY / "reading.csv").write_text(content, encoding="utf-8")
        with pytest.raises(CorpusError, match="lacks the column"):
            analysis.load_story(TEST_STORY, corpus_dir=story_folder)


def test_place_mark_counts_occurrences_from_the_start():
    body = "said, said and said"
    assert place_mark(body, "said") == (0, 4)
    assert place_mark(body, "said", 3) == (15, 19)
    assert place_mark(body, "said", 4) is None
    assert place_mark(body, "", 1) is None


# --- agreement: the program against a reading --------------------------------------------------

def _reading_of(marks, story):
    """A reading file made of given marks (``program_marks`` rows) of the story."""
    bodies = story.articles.set_index("article_id")["body"]
    lines = [HEADER.strip()]
    for number, mark in enumerate(marks.itertuples(), start=1):
        text = bodies[mark.article][mark.start:mark.end].replace('"', '""')
        attribution = number if mark.layer in ("cue", "source", "content") else ""
        lines.append(f'{mark.article},{mark.layer},{mark.start},{mark.end},"{text}",{mark.label},'
                     f'"{mark.speaker}",{attribution},')
    return "\n".join(lines) + "\n"


def test_a_reading_equal_to_the_programs_marks_agrees_fully(story_folder):
    story = analysis.load_story(TEST_STORY, corpus_dir=story_folder)
    marks = program_marks(story)
    (story_folder / TEST_STORY / "reading.csv").write_text(_reading_of(marks, story), encoding="utf-8")
    table = agreement(analysis.load_story(TEST_STORY, corpus_dir=story_folder)).set_index(["layer", "article"])
    for layer in marks["layer"].unique():
        row = table.loc[(layer, "all")]
        assert row["reading"] == row["program"] == row["matched"] == (marks["layer"] == layer).sum()
        assert row["precision"] == row["recall"] == row["f1"] == row["label_agreement"] == 1.0


def test_a_mark_the_reader_drops_and_one_relabelled_show_in_the_counts(story_folder):
    story = analysis.load_story(TEST_STORY, corpus_dir=story_folder)
    loaded = program_marks(story).query("layer == 'loaded'").reset_index(drop=True)
    assert len(loaded) >= 3  # the test story's own loaded words ("reckless", "shameful", ...)
    kept = loaded.iloc[1:].copy()
    other = "name_calling" if kept.iloc[0]["label"] != "name_calling" else "delegitimising"
    kept.iloc[0, kept.columns.get_loc("label")] = other
    (story_folder / TEST_STORY / "reading.csv").write_text(_reading_of(kept, story), encoding="utf-8")
    row = agreement(analysis.load_story(TEST_STORY, corpus_dir=story_folder)).set_index(
        ["layer", "article"]).loc[("loaded", "all")]
    n = len(loaded)
    assert (row["reading"], row["program"], row["matched"]) == (n - 1, n, n - 1)
    assert row["precision"] == pytest.approx((n - 1) / n) and row["recall"] == 1.0
    assert row["label_agreement"] == pytest.approx((n - 2) / (n - 1))


def test_matching_is_one_to_one_and_takes_the_largest_overlap_first():
    import pandas as pd
    mine = pd.DataFrame({"start": [0, 10], "end": [8, 20], "label": ["a", "a"]})
    theirs = pd.DataFrame({"start": [5, 2, 30], "end": [12, 6, 40], "label": ["a", "a", "a"]})
    pairs = match_marks(mine, theirs)
    # (0, 8) overlaps (2, 6) by 4 and (5, 12) by 3; (10, 20) overlaps (5, 12) by 2
    assert sorted((a.start, b.start) for a, b in pairs) == [(0, 2), (10, 5)]


def test_no_mark_of_the_seed_reading_cuts_a_word():
    # a mark that starts or ends inside a word is an offset slip (the Rogin tweets once ended at "these p")
    story = analysis.load_story("milley-china-calls")
    bodies = {article_id: note.text for article_id, note in analysis.annotate_story(story, automatic=True).items()}
    cut = [(row.article, row.layer, row.start, row.end) for row in story.reading.itertuples()
           if any(0 < i < len(bodies[row.article]) and bodies[row.article][i - 1].isalnum()
                  and bodies[row.article][i].isalnum() for i in (row.start, row.end))]
    assert cut == []
