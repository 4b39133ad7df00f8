"""Tests for analysis.furniture: body vs page furniture, embedded posts, repairs."""

import pandas as pd
import pytest

from analysis.stories.furniture import segment


def kinds(result):
    return [(block["kind"], block["text"]) for block in result.blocks]


def test_headline_byline_dateline_and_header_are_set_aside():
    raw = "My Site News\n\n# The headline\n\nBy Jo Doe\nSeptember 14, 2021\n\nBody text here.\n"
    result = segment(raw, title="The headline", byline="Jo Doe")
    assert kinds(result) == [
        ("page_header", "My Site News"), ("headline", "# The headline"), ("byline", "By Jo Doe"),
        ("dateline", "September 14, 2021"), ("body", "Body text here."),
    ]
    assert result.body == "Body text here."


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Support conservative voices!", "promotion"),
        ("Now is the time to support and share the sources you trust.", "promotion"),
        ("Sign up to get the latest Political news delivered straight to your inbox.", "promotion"),
        ("RELATED: Trump says Milley should be charged", "related_link"),
        ("READ MORE: The full statement", "related_link"),
        ("Comments are closed.", "comments_notice"),
        ("To contact the WSWS and the Socialist Equality Party visit:", "contact_footer"),
        ("**[wsws.org/contact](https://www.wsws.org/contact)**", "link_only"),
        ("China US Photo:GT", "photo_credit"),
        ("File: A general listens. JOHN DOE/AFP via Getty Images", "photo_caption"),
        ("Published: Sep 15, 2021 11:48 PM", "dateline"),
        ("14 September 2021", "dateline"),
    ],
)
def test_furniture_rules(line, kind):
    result = segment(f"A real first sentence.\n\n{line}\n\nA real last sentence.\n")
    assert kinds(result)[1] == (kind, line)
    assert line not in result.body
    assert result.body == "A real first sentence.\n\nA real last sentence."


def test_ordinary_sentences_are_not_furniture():
    lines = [
        "He said support for the plan was growing!",
        "The photo shows the general at a meeting.",
        "Related news came from Beijing: the ministry declined to comment.",
        "Comments are welcome, the spokesman said.",
    ]
    result = segment("\n\n".join(lines))
    assert [kind for kind, _ in kinds(result)] == ["body"] * 4


def test_caption_takes_its_title_line_in_the_same_paragraph():
    raw = "Body sentence.\n\nCaption title\nFile: The general listens. JOHN DOE/AFP via Getty Images"
    result = segment(raw)
    assert [kind for kind, _ in kinds(result)] == ["body", "photo_caption", "photo_caption"]


def test_embedded_tweet_is_kept_with_its_author():
    raw = (
        "The reporter wrote on Twitter.\n\n"
        "New coverage from @jonathanvswan: Milley was not alone.\n\n"
        "Esper ordered a back channel message in October.\n\n"
        "– Zach Basu (@zacharybasu) September 15, 2021\n\n"
        "Back to the story."
    )
    result = segment(raw)
    posts = [b for b in result.blocks if b["kind"] == "embedded_post"]
    assert [b["text"][:12] for b in posts] == ["New coverage", "Esper ordere"]
    assert {(b["author"], b["handle"], b["posted"]) for b in posts} == {
        ("Zach Basu", "@zacharybasu", "September 15, 2021")}
    assert "Zach Basu" not in result.body
    assert "Esper ordered" in result.body


def test_tweet_thread_of_quotes_with_its_own_lead_in():
    raw = (
        "Now read these tweets from a reporter:\n"
        "Official to me on the calls:\n"
        "“It was dangerous.”\n"
        "“It was astonishing…”\n"
        "Originally tweeted by Josh Rogin (@joshrogin) on September 14, 2021.\n"
        "What a mess."
    )
    result = segment(raw)
    assert [kind for kind, _ in kinds(result)] == [
        "body", "embedded_post", "embedded_post", "embedded_post", "post_attribution", "body"]


def test_lead_in_before_a_textless_tweet_stays_body():
    raw = "Aaaand:\nOriginally tweeted by Josh Rogin (@joshrogin) on September 15, 2021.\nMore text."
    assert [kind for kind, _ in kinds(segment(raw))] == ["body", "post_attribution", "body"]


def test_quote_with_attribution_outside_the_marks_is_not_pulled_into_a_tweet():
    raw = (
        "“Esper took the initiative,” an official told Rogin. “Milley followed.”\n\n"
        "I am told this is not true.\n\n"
        "– Jennifer Griffin (@JenGriffinFNC) September 15, 2021"
    )
    assert [kind for kind, _ in kinds(segment(raw))] == ["body", "embedded_post", "post_attribution"]


def test_broken_paragraphs_are_joined_and_recorded():
    raw = ("It happened two days after the storming\n\nof the Capitol. Then came the role of\n\nTrump's adviser.\n\n"
           "A heading without a full stop\n\nThe next paragraph.")
    result = segment(raw)
    assert result.body == ("It happened two days after the storming of the Capitol. Then came the role of Trump's adviser."
                           "\n\nA heading without a full stop\n\nThe next paragraph.")
    assert [r["rule_id"] for r in result.repairs] == ["join_lowercase_start", "join_function_word_end"]
    assert all(r["text"] == "\n\n" and r["action"] == "joined" for r in result.repairs)


def test_body_offsets_map_back_to_raw():
    raw = "Site\n\nHeadline\n\nFirst  paragraph.  \n\nSupport our journalism!\n\nSecond paragraph.\n"
    result = segment(raw, title="Headline")
    for block in result.blocks:
        assert raw[block["raw_start"]:block["raw_end"]] == block["text"]
        if block["action"] == "kept":
            assert result.body[block["body_start"]:block["body_end"]] == block["text"]
        else:
            assert block["body_start"] == block["body_end"] == -1


def test_overrides_reclassify_lines():
    raw = "Intro.\nHere is the statement:\nWe act within the law.\nWe consult.\nMy comment."
    overrides = [{"match": "We act within", "lines": "2", "kind": "quotation", "author": "A spokesman",
                  "why": "statement quoted without quote marks"}]
    result = segment(raw, overrides=overrides)
    quoted = [b for b in result.blocks if b["kind"] == "quotation"]
    assert [b["text"] for b in quoted] == ["We act within the law.", "We consult."]
    assert {b["author"] for b in quoted} == {"A spokesman"}
    assert {b["rule_id"] for b in quoted} == {"override 1"}


def test_override_that_matches_nothing_is_an_error():
    with pytest.raises(ValueError, match="matches no line"):
        segment("Some text.", overrides=[{"match": "Missing line", "kind": "body", "why": "test"}])


def test_user_rules_can_be_added_as_rows():
    rules = pd.read_csv("analysis/lexicons/furniture_rules.csv", dtype=str, keep_default_na=False)
    extra = {"rule_id": "newsletter_plug", "kind": "promotion", "applies_to": "line", "extends": "line",
             "pattern": r"^Get our daily briefing\b.*$", "why": "newsletter plug"}
    rules = pd.concat([rules, pd.DataFrame([extra])], ignore_index=True)
    result = segment("A sentence.\n\nGet our daily briefing now\n\nAnother.", rules=rules)
    assert result.body == "A sentence.\n\nAnother."
    assert result.blocks[1]["rule_id"] == "newsletter_plug"
