"""Tests for analysis.pipelines.review: the review sheet, and a reviewed sheet as the story's reading."""

import csv
import shutil

import pytest

import analysis
from analysis.__main__ import main
from analysis.errors import CorpusError
from analysis.pipelines.review import SHEET_COLUMNS, apply_sheet, review_sheet, write_sheet
from analysis.present.figures import FIGURES, draw
from analysis.present.report import story_report
from analysis.stories.reading import read_rows
from paths import TEST_CORPUS, TEST_STORY


@pytest.fixture
def corpus(tmp_path):
    shutil.copytree(TEST_CORPUS / TEST_STORY, tmp_path / TEST_STORY)
    return tmp_path


def _read(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _row(rows, article, layer, text):
    (row,) = [row for row in rows if (row["article"], row["layer"], row["text"]) == (article, layer, text)]
    return row


def _reviewed_sheet(corpus):
    """The fixture's sheet with every mark kept except: 'angry' and the hedge 'could' dropped, the
    attribution the program misses (angry parents called the decision "reckless") added as cue,
    source (anonymous, speaker parents) and content, the later attribution of "Parents" given the
    same speaker, and 'rushed' added."""
    main(["review", TEST_STORY, "--corpus-dir", str(corpus), "-o", str(corpus / "sheet.csv")])
    rows = _read(corpus / "sheet.csv")
    for row in rows:
        row["verdict"] = "keep"
    _row(rows, "gazette", "loaded", "angry").update(verdict="drop", note="describes the parents, not loaded")
    _row(rows, "gazette", "stance", "could").update(verdict="drop", note="ability, not a hedge")
    assert not [row for row in rows if row["layer"] == "cue" and row["text"] == "called"]
    parents = _row(rows, "gazette", "source", "Parents")["attribution"]
    for row in rows:
        if (row["article"], row["attribution"]) == ("gazette", parents):
            row.update(verdict="fix", fixed_speaker="parents")
    number = max(int(row["attribution"]) for row in rows if row["article"] == "gazette" and row["attribution"]) + 1
    added = {**dict.fromkeys(SHEET_COLUMNS, ""), "article": "gazette", "speaker": "parents",
             "attribution": str(number), "verdict": "add"}
    rows += [{**added, "layer": "cue", "text": "called", "label": "neutral"},
             {**added, "layer": "source", "text": "angry parents", "label": "anonymous"},
             {**added, "layer": "content", "text": '"reckless."', "label": "direct"}]
    rows.append({**dict.fromkeys(SHEET_COLUMNS, ""), "article": "gazette", "layer": "loaded", "text": "rushed",
                 "label": "delegitimising", "verdict": "add", "note": "the parents' charge that the vote was not done properly"})
    _write(corpus / "sheet.csv", rows)
    return rows


def test_the_sheet_lists_every_automatic_mark_with_its_sentence_and_no_verdict(corpus):
    story = analysis.load_story(TEST_STORY, corpus_dir=corpus)
    sheet = review_sheet(story)
    notes = analysis.annotate_story(story)
    attributions = sum(len(note.attributions) for note in notes.values())
    assert (sheet["layer"] == "loaded").sum() == sum(len(note.loaded) for note in notes.values())
    assert (sheet["layer"] == "cue").sum() <= attributions
    assert (sheet["verdict"] == "").all()
    for row in sheet.itertuples():
        assert row.text in row.sentence or row.sentence in row.text


def test_a_reviewed_sheet_becomes_the_reading_and_every_count_follows(corpus):
    before = analysis.load_story(TEST_STORY, corpus_dir=corpus)
    features_before = analysis.article_features(before).set_index("article_id")
    _reviewed_sheet(corpus)
    articles = {path.name: path.read_bytes() for path in (corpus / TEST_STORY).glob("*.txt")}
    assert main(["review", TEST_STORY, "--corpus-dir", str(corpus), "--apply", str(corpus / "sheet.csv")]) == 0
    assert {path.name: path.read_bytes() for path in (corpus / TEST_STORY).glob("*.txt")} == articles

    story = analysis.load_story(TEST_STORY, corpus_dir=corpus)
    assert story.reviewed and story.marks == "reviewed by a reader"
    assert sorted(story.dropped["text"]) == ["angry", "could"]
    gazette = analysis.annotate_story(story)["gazette"]
    assert gazette.reviewed
    assert sorted(gazette.loaded["term"]) == ["reckless", "rushed"]
    assert gazette.stance.empty
    first = gazette.attributions.iloc[0]
    assert (first["source"], first["source_type"], first["source_resolved"]) == ("angry parents", "anonymous",
                                                                                 "parents")
    features = analysis.article_features(story).set_index("article_id")
    assert features.loc["gazette", "hedges_per_1000"] == 0 < features_before.loc["gazette", "hedges_per_1000"]
    assert features.loc["gazette", "sources_anonymous"] == features_before.loc["gazette", "sources_anonymous"] + 1
    assert features.loc["gazette", "first_word"] == "parents"
    # the other articles were kept whole: their counts are the program's (a reader's tone is -1, 0 or 1
    # where the model gives a score, so the tone averages are not compared)
    counts = [column for column in features if column.startswith(
        ("loaded_", "hedges", "boosters", "attributions", "sources_", "distinct_sources", "mentions_"))]
    assert features.loc[["parents-blog", "district-news"], counts].equals(
        features_before.loc[["parents-blog", "district-news"], counts])

    _, data = draw(FIGURES["loaded_language"], story, features.reset_index())
    _, data_before = draw(FIGURES["loaded_language"], before, features_before.reset_index())
    assert not data.equals(data_before)
    report = story_report(story, figures=False)
    assert "reviewed by a reader" in report and ">rushed<" in report

    automatic = analysis.load_story(TEST_STORY, corpus_dir=corpus, automatic=True)
    assert automatic.marks == "automatic, unreviewed"
    assert analysis.article_features(automatic).equals(features_before.reset_index())


def test_a_new_sheet_keeps_the_earlier_verdicts(corpus):
    rows = _reviewed_sheet(corpus)
    story = analysis.load_story(TEST_STORY, corpus_dir=corpus)
    apply_sheet(story, corpus / "sheet.csv")
    again = review_sheet(analysis.load_story(TEST_STORY, corpus_dir=corpus))
    verdicts = {(row["layer"], row["text"]): row["verdict"] for row in rows}
    # "angry parents" is the reader's own source; the cue and content of its attribution stay fixes
    assert {(row.layer, row.text): row.verdict for row in again.itertuples()} == verdicts
    assert set(again.loc[again["verdict"] == "fix", "fixed_speaker"]) == {"parents"}
    assert again.loc[again["text"] == "angry", "note"].item() == "describes the parents, not loaded"
    # applying the new sheet stores the same reading
    reading = analysis.load_story(TEST_STORY, corpus_dir=corpus).reading
    write_sheet(analysis.load_story(TEST_STORY, corpus_dir=corpus), corpus / "again.csv")
    apply_sheet(analysis.load_story(TEST_STORY, corpus_dir=corpus), corpus / "again.csv")
    assert _in_order(analysis.load_story(TEST_STORY, corpus_dir=corpus).reading).equals(_in_order(reading))


def _in_order(reading):
    return reading.sort_values(["article", "layer", "start", "end", "label"]).reset_index(drop=True)


def test_a_malformed_sheet_changes_nothing_and_names_every_bad_row(corpus):
    rows = _reviewed_sheet(corpus)
    rows[0]["verdict"] = "maybe"
    _row(rows, "gazette", "loaded", "reckless").update(verdict="fix", fixed_text="no such words")
    rows[-1]["text"] = "hurried"  # an added mark whose words are not in the article
    _write(corpus / "sheet.csv", rows)
    folder = corpus / TEST_STORY
    files = {path.name: path.read_bytes() for path in folder.iterdir()}
    with pytest.raises(CorpusError) as caught:
        apply_sheet(analysis.load_story(TEST_STORY, corpus_dir=corpus), corpus / "sheet.csv")
    message = str(caught.value)
    assert "sheet.csv" in message and "nothing was written" in message
    assert "line 2: verdict 'maybe'" in message
    assert "'no such words'" in message and "'hurried'" in message
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == files


def test_a_sheet_without_verdicts_or_columns_is_refused(corpus):
    story = analysis.load_story(TEST_STORY, corpus_dir=corpus)
    write_sheet(story, corpus / "sheet.csv")
    with pytest.raises(CorpusError, match="no verdict"):
        apply_sheet(story, corpus / "sheet.csv")
    (corpus / "bad.csv").write_text("article,layer\ngazette,loaded\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="lacks the column"):
        apply_sheet(story, corpus / "bad.csv")
    assert not (corpus / TEST_STORY / "reading.csv").exists()


def test_the_seed_story_counts_its_reading_by_default():
    story = analysis.load_story("milley-china-calls")
    assert story.reviewed
    reviewed, automatic = (analysis.annotate_story(story, automatic=flag)["wsws"] for flag in (False, True))
    assert reviewed.reviewed and not automatic.reviewed
    assert reviewed.doc is automatic.doc  # one parse, two sets of marks
    reading = story.reading[story.reading["article"] == "wsws"]
    assert len(reviewed.loaded) == (reading["layer"] == "loaded").sum()
    assert len(reviewed.attributions) == reading.loc[reading["layer"].isin(["cue", "source", "content"]),
                                                     "attribution"].nunique()
    # the sentence tone is not part of a reading: it stays the program's
    assert reviewed.sentiment.equals(automatic.sentiment)


def test_cells_a_spreadsheet_would_run_as_formulas_are_written_as_text_and_read_back_as_they_were(tmp_path):
    story = analysis.load_story("milley-china-calls")
    path = tmp_path / "sheet.csv"
    write_sheet(story, path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "'@jonathanvswan" in cells  # a Twitter handle in the blog's embedded post
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    rows = read_rows(path, ["text"], "")
    assert "@jonathanvswan" in {row["text"] for row in rows}
