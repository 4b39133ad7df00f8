"""Tests for analysis.attribution: cues, stance, source, content, resolution and types."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.detectors.attribution import ATTRIBUTION_COLUMNS, attributions
from analysis.detectors.attribution.cue_features import cue_features, cue_model, cue_scores
from analysis.detectors.attribution.cues import fill_gaps, reporting_stances
from analysis.detectors.attribution.sources import short_description
from analysis.detectors.attribution.speakers import outlet_speakers, same_speaker
from analysis.errors import CorpusError
from analysis.stories.story import actor_names, actor_roles, load_actors
from analysis.text.document import parse_text

ACTORS = {"Milley": ["Gen. Mark Milley", "Mark Milley", "Milley", "the general"], "Li": ["Gen. Li Zuocheng", "Li"]}


def rows(text, **kwargs):
    table = attributions(text, **kwargs)
    return table


def find(table, cue):
    match = table[table["cue"].str.contains(cue, regex=False)]
    assert len(match), f"no cue {cue!r} in {table['cue'].tolist()}"
    return match.iloc[0]


def test_speaker_after_the_quote():
    table = rows("“We are not going to attack,” Milley told Li.")
    row = find(table, "told")
    assert (row["source"], row["direct"], row["content"]) == ("Milley", True, "“We are not going to attack,”")
    assert row["stance"] == "neutral"


def test_speaker_in_the_middle_of_a_quote():
    text = "“General Li, I want to assure you,” Milley told him. “We are not going to attack.”"
    row = find(rows(text), "told")
    assert row["source"] == "Milley" and row["direct"]


def test_colon_introduced_quote():
    text = "One of the sources said: “They were getting bad intelligence.”"
    row = find(rows(text), "said")
    assert row["source"] == "One of the sources" and row["direct"]
    assert row["content"] == "“They were getting bad intelligence.”"
    assert row["source_type"] == "anonymous"


def test_indirect_speech_and_trailing_cue():
    text = ("Esper said the Chinese were misreading the situation. "
            "The messages were handled below Esper, one of the sources said.")
    table = rows(text)
    worried = find(table, "said")
    assert worried["source"] == "Esper" and not worried["direct"]
    assert worried["content"].startswith("the Chinese were misreading")
    said = table.iloc[-1]
    assert said["source"] == "one of the sources"
    assert said["content"] == "The messages were handled below Esper"


@pytest.mark.parametrize("text, source", [
    ("Mr. Regalado, 69, said the party had lost its way.", "Mr. Regalado, 69"),
    ("Roxana M. Leon, 63, an independent voter raised in Chile, said she would vote.",
     "Roxana M. Leon, 63, an independent voter raised in Chile"),
    ("In 2016, 63 people said they would vote.", "63 people"),
    # a place in the description is no name of its own
    ("Rachel Berg, a philanthropist from Monsey, New York, said the speech was a mistake.",
     "Rachel Berg, a philanthropist from Monsey, New York"),
    # a time before the name is no part of it; an approximate number is
    ("Around the same time Esper learned that Milley had called.", "Esper"),
    ("About two-thirds of caucus attendees said the economy was weak.", "About two-thirds of caucus attendees"),
    ("Around 50 protesters said they would stay.", "Around 50 protesters"),
])
def test_a_source_is_the_noun_phrase_a_reader_would_mark(text, source):
    assert rows(text)["source"].iloc[0] == source


def test_according_to():
    row = find(rows("According to the book, Milley called Li twice."), "According to")
    assert row["source"] == "the book" and row["source_type"] == "media"  # a book is the press (READING.md)
    assert row["content"].startswith("Milley called Li")


def test_speaker_labels_before_a_colon_but_not_page_labels():
    table = rows("Sanders: We will win New York.\n\nThe Latest: Trump wins Indiana.\n\nCorrection: An earlier "
                 "version misstated the date.")
    assert table["cue"].tolist() == [":"]
    assert table.iloc[0]["source"] == "Sanders"


def test_say_and_said_in_set_phrases_are_not_cues():
    text = ("She could narrow the gap to, say, single digits. Voters will get their say in March. "
            "That said, the race is close. Having said that, he left.")
    assert rows(text).empty


def test_a_cue_needs_a_word_that_is_not_a_function_word():
    # the model alone flags "has" and "about" here (the start of "has said", "asked about")
    text = ("Donald Trump has enjoyed a 20-point lead in New Hampshire polls for months. "
            "The media has seized on new revelations about Clinton's emails.")
    assert rows(text).empty
    # ... and "have no" in a quoted message ("we have no plan to invade" is the message, not a cue)
    assert rows("The letter: Do not misread what you see in Moscow; we have no plan to invade; and let us "
                "keep talking.").empty
    kept = rows("Officials have said the talks failed, according to the report.")
    assert kept["cue"].tolist() == ["have said", "according to"]


def test_pronoun_and_actor_resolution():
    text = "Gen. Mark Milley met the officers. He told them to follow the procedure. The general said it was an oath."
    table = rows(text, actors=ACTORS)
    assert find(table, "told")["source_resolved"] == "Milley"
    assert find(table, "said")["source_resolved"] == "Milley"
    assert find(table, "said")["source_type"] == "military"


def test_stance_of_the_cue():
    table = rows("Trump claimed the election was stolen. Rubio warned that it was dangerous. "
                 "The report revealed the calls. Officials suggested a delay.")
    stances = {cue: stance for cue, stance in zip(table["cue"], table["stance"])}
    assert stances == {"claimed": "distancing", "warned": "evaluative", "revealed": "endorsing",
                       "suggested": "tentative"}


def test_source_types():
    table = rows("A military expert who requested to remain anonymous told the paper that war was unlikely. "
                 "Li Haidong, professor at a university, told reporters the talks mattered. "
                 "The Washington Post reported that the calls took place.")
    assert table["source_type"].tolist()[:3] == ["anonymous", "expert", "media"]


def test_embedded_posts_are_attributed_to_their_authors():
    text = "The reporter posted this.\n\nEsper ordered a back channel message."
    table = attributions(text, posts=[{"start": 27, "end": len(text), "author": "Zach Basu",
                                       "kind": "embedded_post"}])
    post = table[table["source"] == "Zach Basu"].iloc[0]
    assert post["source_type"] == "social media post" and post["direct"]
    assert post["content"] == "Esper ordered a back channel message."


def test_columns_and_offsets():
    text = "“It was dangerous,” the official said. Biden said he had great confidence in Milley."
    table = rows(text)
    assert list(table.columns) == ATTRIBUTION_COLUMNS
    for prefix in ("cue", "source", "content"):
        for value, start, end in zip(table[prefix], table[f"{prefix}_start"], table[f"{prefix}_end"]):
            if start >= 0:
                assert text[start:end] == value


# What a careful reader finds in the seed articles: (source_resolved, cue, direct); the found
# cue may run on ("said he wasn't aware" for "said"). As in PolNeAR, an attribution inside the
# content of another is not marked: "Haspel warned Milley, according to the new book" is the
# book's attribution, its content "Haspel warned Milley".
SEED_ATTRIBUTIONS = {
    "wsws": [("Milley", "told", True), ("Peril", "according to", False), ("CNN", "cites", True),
             ("Milley", "spoke", False), ("Milley", "even told", False),
             ("Steve Bannon", "argued in a quote cited", True)],
    "global-times": [("Milley", "told", True), ("military expert", "told", False),
                     ("military expert who requested to remain anonymous", "told", False),
                     ("Washington Post", "reported", False), ("Trump", "said", False)],
    "newsweek": [("Zhao Lijian", "said", False), ("Washington Post", "reported", False),
                 ("Dave Butler", "said", False)],
    "blog": [("sources", "said:", True), ("sources", "said", False),
             ("Josh Rogin", "", True), ("Dave Butler", "", True)],
    "conservative-site": [("Axios", "writes", True), ("Trump", "wrote", True), ("Zach Basu", "", True),
                          ("Jennifer Griffin", "", True), ("Marco Rubio", "said", False)],
}


# What a careful reader finds and the extractor misses, with the reason. The test checks that
# they are still missed, so that a fix shows here and the entry moves back to the list above.
KNOWN_MISSES = {
    # "...with a call to his Chinese counterpart to reiterate the message, two of the sources
    # confirmed.": the model takes "a call" as a cue whose content runs to the end of the
    # sentence, and, as in PolNeAR, a cue inside another attribution's content is not marked.
    "blog": [("two of the sources", "confirmed", False)],
}


def _finds(found, source, cue, direct):
    return any(source == s and (c == cue or c.startswith(cue + " ")) and direct == d for s, c, d in found)


def test_seed_articles_attributions_a_careful_reader_finds():
    notes = analysis.annotate_story(analysis.load_story("milley-china-calls", automatic=True))  # the detectors, not the reading
    for article_id, note in notes.items():
        table = note.attributions
        found = list(zip(table["source_resolved"], table["cue"], table["direct"]))
        for expected in SEED_ATTRIBUTIONS[article_id]:
            assert _finds(found, *expected), (article_id, expected)
        for missed in KNOWN_MISSES.get(article_id, []):
            assert not _finds(found, *missed), ("now found: move it to SEED_ATTRIBUTIONS", missed)


def test_seed_source_types():
    notes = analysis.annotate_story(analysis.load_story("milley-china-calls", automatic=True))  # the detectors, not the reading
    tables = {article_id: note.attributions for article_id, note in notes.items()}

    def type_of(article_id, source):
        table = tables[article_id]
        (kind,) = set(table.loc[table["source"] == source, "source_type"])
        return kind

    assert type_of("blog", "One of the sources") == "anonymous"
    assert type_of("blog", "Senior Defense Official") == "anonymous"
    # unnamed people are anonymous, whatever the description (READING.md)
    assert type_of("global-times", "a military expert") == "anonymous"
    assert type_of("global-times", "A military expert who requested to remain anonymous") == "anonymous"
    # the lede's "Chinese government official" is named two paragraphs later: one named speaker
    newsweek = tables["newsweek"]
    official = newsweek[newsweek["source"] == "A Chinese government official"]
    assert official[["source_resolved", "source_type"]].values.tolist() == [["Zhao Lijian", "named person"]] * 2
    # actors.yml gives roles: the book and its authors are one source, typed media
    assert set(newsweek.loc[newsweek["source"].isin(["the book", "the authors"]), "source_resolved"]) == {"Peril"}
    assert set(newsweek.loc[newsweek["source_resolved"] == "Peril", "source_type"]) == {"media"}
    professor = tables["global-times"][tables["global-times"]["source"].str.startswith("Li Haidong")]
    assert professor["source_type"].tolist() == ["expert"]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200))
def test_any_text_gives_valid_rows(text):
    table = attributions(text + " “Yes,” he said.")
    for prefix in ("cue", "source", "content"):
        for value, start, end in zip(table[prefix], table[f"{prefix}_start"], table[f"{prefix}_end"]):
            if start >= 0:
                assert text_ok(text + " “Yes,” he said.", start, end, value)


def text_ok(text, start, end, value):
    return 0 <= start <= end <= len(text) and text[start:end] == value


def test_he_added_follows_the_previous_speaker_and_actor_names_must_head_the_source():
    actors = {"China": ["China", "Beijing"], "Trump": ["Donald Trump", "Trump"]}
    text = ("Steve Bannon urged Trump to return. “Come back today,” Bannon argued. He added that it was time. "
            "China's Foreign Ministry spokesperson Zhao Lijian said on Thursday that he was not aware of it.")
    table = attributions(text, actors=actors)
    assert find(table, "added")["source_resolved"] == "Steve Bannon"  # one name per person
    assert find(table, "argued")["source_resolved"] == "Steve Bannon"
    zhao = table[table["source"].str.endswith("Zhao Lijian")].iloc[0]
    assert zhao["source_resolved"] != "China"


def test_a_source_of_punctuation_only_is_no_source():
    # found on unseen news text: the "source" between a quotation and the cue was a semicolon
    text = ("For example, the press has talked about her “exotic DNA”; described her as “(almost) straight "
            "outta Compton”; attacked her.")
    table = rows(text)
    assert ((table["source_start"] < 0) | (table["source"].str.strip() != "")).all()
    assert ((table["content_start"] < 0) | (table["content"] != "")).all()


def reference_scores(text):
    """Both stages' scores the slow way: the feature dicts training reads, weighted one by one."""
    both = cue_model()["both"]
    return [tuple(sum(both.get(k, (0.0, 0.0))[stage] * v for k, v in f.items()) for stage in (0, 1))
            for f in cue_features(parse_text(text))]


def fast_scores(text):
    doc = parse_text(text)
    lexicon = [i in reporting_stances(doc) for i in range(len(doc.starts))]
    return [tuple(row) for row in cue_scores(doc, lexicon).tolist()]


WORDY = st.lists(st.sampled_from(["said", "told", "he", "She", "that", "“", "”", '"', ",", ":", "'", "according",
                                  "to", "the", "Officials", "claimed", ".", "\n\n", "it", "warned", "Milley", "has"]),
                 max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(WORDY, st.text(max_size=120)))
def test_the_cue_scorer_weighs_exactly_the_features_training_reads(text):
    for (want1, want2), (got1, got2) in zip(reference_scores(text), fast_scores(text), strict=True):
        assert abs(want1 - got1) < 1e-9 and abs(want2 - got2) < 1e-9


def test_the_cue_scorer_on_real_sentences():
    text = ("“We will not attack,” Milley told Li, according to the book. Officials said: “It was routine.” "
            "She has also said that the calls, which he 'claimed' were secret, were not.\n\nQ: Why? A: Because.")
    assert len(reference_scores(text)) > 40
    for (want1, want2), (got1, got2) in zip(reference_scores(text), fast_scores(text), strict=True):
        assert abs(want1 - got1) < 1e-9 and abs(want2 - got2) < 1e-9


def fill_gaps_one_by_one(flags, fillable, sentence_ids, max_gap):
    """fill_gaps as first written: every token, every gap length, flags updated as it goes."""
    flags = list(flags)
    for i in range(1, len(flags) - 1):
        for gap in range(1, max_gap + 1):
            end = i + gap
            if end < len(flags) and flags[i - 1] and flags[end] and not any(flags[i:end]) \
                    and all(fillable[i:end]) and sentence_ids[i - 1] == sentence_ids[end]:
                flags[i:end] = [True] * gap
    return flags


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans(), st.integers(0, 2)), max_size=30), st.integers(0, 3))
def test_fill_gaps_fills_between_consecutive_flags_only(tokens_, max_gap):
    flags, fillable, steps = (list(column) for column in zip(*tokens_)) if tokens_ else ([], [], [])
    sentence_ids = [sum(steps[:i + 1]) for i in range(len(steps))]  # non-decreasing, like real ones
    assert fill_gaps(flags, fillable, sentence_ids, max_gap) == fill_gaps_one_by_one(
        flags, fillable, sentence_ids, max_gap)


def test_a_reporting_lexicon_of_ones_own_sets_the_stance():
    from analysis.lexicons import load_lexicon

    lexicon = load_lexicon("reporting_verbs").copy()
    assert (lexicon["term"] == "said").any()
    lexicon.loc[lexicon["term"] == "said", "category"] = "distancing"
    text = "Officials said the calls were routine."
    assert find(rows(text), "said")["stance"] == "neutral"
    assert find(rows(text, reporting_lexicon=lexicon), "said")["stance"] == "distancing"


# --- a source is a noun phrase, one speaker per person ------------------------------------------

@pytest.mark.parametrize("text, cue, source", [
    # a relative pronoun is never the source: the phrase it refers to is
    ("Vice President Kamala Harris, who hailed the ruling, said it was a victory.", "said",
     "Vice President Kamala Harris"),
    ("Lawmakers met Nancy Pelosi, who raised concerns about the calls.", "raised", "Nancy Pelosi"),
    # a phrase ending in a conjunction or article, or opening with an adverb, is cut to its noun phrase
    ("Meanwhile, the Democrats insisted that the bill would pass.", "insisted", "the Democrats"),
    ("“We are ready,” as Milley put it.", "put", "Milley"),
    # a clause is no source
    ("It did not include specifics reported in the book.", "reported", ""),
    ("I am told the meeting went well.", "told", ""),
    ("I’m told this is not true.", "told", ""),
    # a passive cue: the agent after "by" is the source, else there is none
    ("Trump has been criticized by some of his rivals for failing to speak.", "criticized", "some of his rivals"),
    ("Virtually none of the revelations in the new book had been revealed before.", "revealed", ""),
    ("He was convinced that the war was lost.", "convinced", "He"),  # a state of mind is no passive
    ("I am worried that the talks will fail.", "worried", "I"),
    ("He was asked about the calls.", "asked", ""),  # the one asked did not speak
    ('Milley was accused of "treason" by former President Donald Trump.', "accused", "former President Donald Trump"),
    ("“It will be fine,” Milley is reported to have said.", "reported", "Milley"),  # the subject speaks
    # a second verb of the same subject, and a participle, take the subject
    ("Graham called both Trump and Clinton crazy and said the party is bound to lose.", "said", "Graham"),
    ("The day before, at a rally in Beaumont, Mr. Trump was just as blunt, claiming without any evidence that "
     "Obama wanted it.", "claiming", "Mr. Trump"),
    # a name with its initial, party tag or description is one phrase
    ("General John E. Hyten, Vice Chairman of the US Joint Chiefs of Staff, said on Monday that war is bad.", "said",
     "General John E. Hyten, Vice Chairman of the US Joint Chiefs of Staff"),
    ("Senator Jones (R-Texas) said the bill was bad.", "said", "Senator Jones (R-Texas)"),
    ("Song Zhongping, a Chinese military expert and commentator, told reporters on Thursday that it was bad.", "told",
     "Song Zhongping, a Chinese military expert and commentator"),
    ("Senior Trump admin national security official to me on Gen. Milley's reported secret calls: “It was dangerous.”",
     ":", "Senior Trump admin national security official"),
    # a scare quote is not a quotation that its cue closes
    ('The official said he knew nothing of the "secret" phone calls to Beijing, but warned that both would lose.',
     "warned", "The official"),
    # a clause cut before its object, or before a present-tense verb, is no source
    ("The report of the book triggered some criticism of Milley.", "criticism", ""),
    ("General Milley frequently conducts meetings with uniformed leaders to ensure all leaders are aware of the "
     "situation.", "are aware", "General Milley"),
    # a possessive pronoun owns a noun cue (PolNeAR marks it as the source)
    ('Trump spoke, and his call for "a total and complete ban" on all Muslims helped him.', "call for", "his"),
    # the source after an inverted cue; a description that ends the sentence is part of it
    ("The program is hardly formal, but it has a loyal following, said Ms. Gil, with games of tag.", "said",
     "Ms. Gil"),
    ("The economy is weak, said Janet Yellen, the chair of the Federal Reserve.", "said",
     "Janet Yellen, the chair of the Federal Reserve"),
    ("The economy is weak, said the spokesman.", "said", "the spokesman"),
    ("The talks went well, said an American official who was briefed on the details.", "said",
     "an American official"),
    ("Manafort has lobbied in New York and Florida, said lobbyist and GOP strategist Charlie Black.", "said",
     "lobbyist and GOP strategist Charlie Black"),
    # a hyphen between numbers is no boundary ("the 2-1 decision")
    ("Judge David McKeague, writing for the majority in the 2-1 decision, said the period was fine.", "said",
     "Judge David McKeague, writing for the majority in the 2-1 decision"),
    # ... but a description, a name and a cue whose content follows are no inversion (the name speaks)
    ("One of the authors of that report, Ari Fleischer, said Trump's nomination will test them.", "said",
     "Ari Fleischer"),
    # a quotation that belongs to a first verb: the second verb takes the subject
    ('She declared "What a Super Tuesday!" and said that her campaign would continue.', "said", "She"),
    ('Trump insisted that he has "expanded the party," claiming that he is responsible for the turnout.',
     "claiming", "Trump"),
    ("''Most voters will not be satisfied with 'We'll bomb them,''' said Senator John McCain of Arizona, referring "
     "to Mr. Trump.", "referring to", "Senator John McCain of Arizona"),
    # an abbreviation between a quotation and its cue is no sentence end
    ('"We will win," Mr. Trump said on Tuesday.', "said", "Mr. Trump"),
    # a participle after a quotation that belongs to the first verb takes that verb's subject ...
    ("''I wish him well,'' Mr. Trump told the hosts of ''Morning Joe,'' adding that his son is friendly.", "adding",
     "Mr. Trump"),
    # ... and, with a quotation of its own after it, that quotation is its content (tested below)
    ("Trump told Newsmax that Romney “had a crazy policy,” adding, “He lost the Latino vote.”", "adding", "Trump"),
    # the subject with its apposition; a state's initials in a party tag
    ("But the other candidate, former Secretary of State Hillary Clinton, drew a contrast, saying that the "
     "concerns were overblown.", "saying", "the other candidate, former Secretary of State Hillary Clinton"),
    ("Sen. Jack Reed (D-R.I.), said after a lunch on Tuesday that he had not.", "said", "Sen. Jack Reed (D-R.I.)"),
])
def test_sources_are_noun_phrases(text, cue, source):
    row = find(attributions(text), cue)
    assert row["source"] == source


def test_a_participle_with_a_quotation_of_its_own_takes_it():
    table = attributions("Trump told Newsmax that Romney “had a crazy policy,” adding, “He lost the Latino vote.”")
    assert find(table, "adding")["content"] == "“He lost the Latino vote.”"


@pytest.mark.parametrize("text, speaker", [
    ("China's Foreign Ministry spokesperson Zhao Lijian said the report was false.", "Zhao Lijian"),
    ("Col. Dave Butler, spokesperson for the Joint Chiefs of Staff, said the calls were routine.", "Dave Butler"),
    ("House Speaker Nancy Pelosi said she had spoken to the general.", "Nancy Pelosi"),
    ("Then-Defense Secretary Mark Esper said the calls were known.", "Mark Esper"),
    ("Sen. Tim Kaine of Virginia said the calls were known.", "Tim Kaine"),  # a name, then a place
    ("Clinton herself said the calls were known.", "Clinton"),
    ("Puerto Rico said the calls were known.", "Puerto Rico"),  # a place: no person's name
    ("Sanders delegates in Philadelphia said the calls were known.", "Sanders delegates in Philadelphia"),  # no name
])
def test_a_named_source_resolves_to_the_bare_name(text, speaker):
    assert find(attributions(text), "said")["source_resolved"] == speaker


def test_a_speaker_is_resolved_as_a_reader_would():
    # family name first: "Song" is Song Zhongping; "Li" the last Li named before it
    text = ("Song Zhongping, a Chinese military expert, told reporters the calls were routine. Song said the US "
            "was divided. Gen. Li Zuocheng met him. Li Haidong, a professor, told reporters it was bad. "
            "Li also said it would pass.")
    assert attributions(text)["source_resolved"].tolist() == ["Song Zhongping", "Song Zhongping", "Li Haidong",
                                                              "Li Haidong"]
    # "they" is a group, not the last person named; a common word capitalised as a sentence opener
    # is no name (a surname is one: it is never written in small letters)
    table = attributions("Vice Chairman Hyten spoke of a book. They said the costs of war were high. Books released "
                         "this year have documented his role. Patel said it was bad.")
    assert table.set_index("source")["source_type"].to_dict() == {"They": "unknown", "Books": "media",
                                                                  "Patel": "named person"}  # books: the press
    assert table.set_index("source")["source_resolved"].to_dict() == {"They": "They", "Books": "Books",
                                                                      "Patel": "Patel"}
    # a speaker described in the lede and named later is that named person
    table = attributions("A Chinese government official said he wasn't aware of the specifics of the calls.\n\n"
                         "Officials said little else.\n\nChina's Foreign Ministry spokesperson Zhao Lijian said on "
                         "Thursday that he wasn't aware of the \"specific situation.\"")
    assert table["source_resolved"].tolist() == ["Zhao Lijian", "Officials", "Zhao Lijian"]
    assert table["source_type"].tolist() == ["named person", "anonymous", "named person"]
    # a definite description is the speaker described before it; descriptions lose their article
    table = attributions("A military expert told reporters the war was near. A military expert who requested to "
                         "remain anonymous told reporters the army knew better. The expert said politicians did not.")
    assert table["source_resolved"].tolist() == ["military expert"] + [
        "military expert who requested to remain anonymous"] * 2
    # ... but an unnamed official whose words match no named person's stays anonymous
    table = attributions("A senior official said the talks failed. Jane Doe, the spokesperson, said prices rose.")
    assert table["source_type"].tolist() == ["anonymous", "named person"]


@pytest.mark.parametrize("text, source_type", [
    ("ProPublica reported that the agency had paid.", "media"),  # an outlet of lexicons/news_outlets.csv
    ("Vice President Kamala Harris said the ruling was a victory.", "named person"),  # "Vice" is an outlet only whole
    ("Some Democrats said the plan would fail.", "anonymous"),  # an unnamed part of a group
    ("Border Patrol agents said the tunnels were new.", "anonymous"),
    ("A spokeswoman for the Israeli Defense Ministry said the tunnel was found.", "anonymous"),
    ("Senate Majority Leader Mitch McConnell, R-Ky., said the bill would pass.", "named person"),
    ("Exit polls showed that voters were angry.", "document"),
    ("Indeed, statistics show that prices rose.", "document"),
    ("Cornell Belcher, a Democratic pollster, said the numbers were bad.", "expert"),
    # a former reporter speaks as what he is now; a former officer stays an officer
    ("Mr. Regalado, a former broadcast journalist, said the party had lost them.", "named person"),
    ("Former CNN anchor John Smith said the debate was unfair.", "named person"),
    ("Retired Gen. John Allen said the plan was sound.", "military"),
    ("Steven Taylor, who chairs the political science department at Troy University, said turnout rose.", "expert"),
    # a place speaking is its government; a name ending in an institution's word is an organisation
    ("Puerto Rico has been warning for months that it cannot pay.", "organisation"),
    ("The United States said it would respond.", "organisation"),
    ("Georgia Smith said the plan was sound.", "named person"),  # a state's name is also a first name
    ("The Pew Research Center said turnout was up.", "organisation"),
    ("Political scientists said turnout was high.", "anonymous"),  # unnamed people, however described
    ("ISIS soldiers said they would return.", "anonymous"),
    ("The author writes that the agent saw everything.", "media"),  # a book and its author: the press
    ("The editorial argued that the senator should resign.", "media"),
    ("PolitiFact found that the claim was false.", "media"),
    # an office one person holds names that person; "these" of a thing is no group of people
    ("The Republican presidential candidate said the system was rigged.", "named person"),
    ("Indiana governor says he will vote for Cruz.", "named person"),
    ("A governor said the plan would fail.", "anonymous"),
    ("These conversations show that the general acted alone.", "unknown"),
    ("Anyone at the Pentagon said that the calls were routine.", "anonymous"),
    # a count of unnamed people is anonymous, whatever opens it; a count of things is nobody
    ("About two-thirds of caucus attendees said the economy was weak.", "anonymous"),
    ("A majority of Republicans said the economy was weak.", "anonymous"),
    ("27 percent of voters said the economy was weak.", "anonymous"),
    ("Half of the funds showed that the economy was weak.", "unknown"),
    # what names no one is unnamed people when its head is a word for people or a group, a document
    # when it is one; "the businessman" is one person a reader can name, whom the program cannot
    ("An organizer said the rally would go ahead.", "anonymous"),
    ("On Monday, far-right commentators said the vote was rigged.", "anonymous"),
    ("The crowd shouted that the election was stolen.", "anonymous"),
    ("The lawsuit says the company lied to investors.", "document"),
    ("The ad claims that the senator voted against the bill.", "document"),
    ("The businessman said the deal was fair.", "unknown"),
    # an outlet's own people are the press: an outlet's possessive before the name, plural reporters
    ("The Wall Street Journal's Jennifer Smith said the deal was close.", "media"),
    ("RealClearPolitics’ David Byler said the race was tight.", "media"),
    ("Reporters said the meeting ran late.", "media"),
    ("Vice President Joe Biden said the deal was close.", "named person"),
    ("George Zornick of The Nation said the vote was close.", "media"),
    ("Sen. Tim Kaine of Virginia said the bill was dead.", "named person"),
    # "the Senate minority leader" is one person a reader can name; a document is one, capitalised or not
    ("The Senate minority leader said the bill was dead.", "named person"),
    ("The Japanese constitution says that war is renounced.", "document"),
])
def test_source_types_follow_the_reading_guidelines(text, source_type):
    assert attributions(text)["source_type"].tolist()[:1] == [source_type]


def test_the_author_of_a_book_is_the_press():
    table = attributions("Gary Byrne, a former Secret Service agent, has written a book about the White House. "
                         "Byrne wrote that the agents were afraid. Jane Roe said the book was unfair.")
    assert find(table, "wrote")["source_type"] == "media"
    assert find(table, "said")["source_type"] == "named person"


def test_i_outside_quotation_marks_is_the_writer():
    table = attributions('I think the plan will fail. "I think the plan is sound," Jane Roe said.')
    writer, quoted = find(table, "think"), find(table, "said")
    assert (writer["source"], writer["source_type"], writer["source_resolved"]) == ("I", "media", "the writer")
    assert (quoted["source_type"], quoted["source_resolved"]) == ("named person", "Jane Roe")


def test_a_clause_opened_by_though_is_no_part_of_the_source():
    row = find(rows("Though Republicans boast of record turnout, Democrats said the numbers were bad."), "said")
    assert row["source"] == "Democrats"
    assert find(rows("Though Republicans boast of record turnout, it was low."), "boast")["source"] == "Republicans"


def test_actors_file_roles_type_their_attributions(tmp_path):
    story = tmp_path / "story"
    story.mkdir()
    (story / "actors.yml").write_text("actors:\n  Peril: [Peril, the book]\n  Milley: [Milley]\n"
                                      "roles:\n  Peril: media\n", encoding="utf-8")
    actors = load_actors("story", tmp_path)
    assert actor_roles(actors) == {"Peril": "media"}
    table = attributions("According to the book, Milley said the calls were routine.",
                         actors=actor_names(actors), roles=actor_roles(actors))
    assert table[["source_resolved", "source_type"]].values.tolist() == [["Peril", "media"], ["Milley", "named person"]]
    (story / "actors.yml").write_text("actors:\n  Peril: [Peril]\nroles:\n  Peril: newspaper\n  Woodward: media\n",
                                      encoding="utf-8")
    with pytest.raises(CorpusError, match=r"actors.yml.*Woodward is not an actor"):
        load_actors("story", tmp_path)
    (story / "actors.yml").write_text("actors:\n  Peril: [Peril]\nroles:\n  Peril: newspaper\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="Peril: newspaper is not one of"):
        load_actors("story", tmp_path)


def test_one_person_is_one_speaker_and_typed_as_a_person():
    text = ("Defense Secretary Mark Esper said the calls were routine. Esper said he knew of them. "
            "White House press secretary Jen Psaki said the president had confidence in him. "
            "China's Foreign Ministry spokesperson Zhao Lijian said Beijing had no comment.")
    table = attributions(text)
    assert table["source_resolved"].tolist() == ["Mark Esper", "Mark Esper", "Jen Psaki", "Zhao Lijian"]
    assert table["source_type"].tolist() == ["named person"] * 4  # not "media" for a press secretary


def test_an_outlets_report_is_the_outlet_speaking():
    text = ("The Washington Post reported on Tuesday that the book is out. The report said one call took place in "
            "October. According to an Axios report, the calls were secret. The meeting, according to the *Times*, "
            "was routine. The New York Times said more.")
    table = attributions(text)
    assert table["source_resolved"].tolist() == ["Washington Post", "Washington Post", "Axios", "New York Times",
                                                 "New York Times"]
    assert set(table["source_type"]) == {"media"}
    # an abbreviation stands for an outlet only when the text names that outlet in full
    row = find(attributions("The Post's report said the calls were secret."), "said")
    assert row["source_resolved"] != "Washington Post"
    # an earlier report of its own is what "the report" refers to
    table = attributions("A Senate report found that the calls were routine. The report said they were logged. "
                         "CNN reported otherwise.")
    assert table["source_resolved"].tolist()[:2] == ["Senate report", "Senate report"]
    # a source broken over two lines is read whole
    rows = [{"source": "The Washington\nPost's report", "source_start": 0, "source_resolved": "x", "source_type": "x"}]
    outlet_speakers("The Washington\nPost's report said so.", rows)
    assert (rows[0]["source_resolved"], rows[0]["source_type"]) == ("Washington Post", "media")


def test_two_names_joined_by_and_are_one_source_of_two_people():
    table = attributions("According to Woodward and Costa, it was Bannon who urged Trump to return. According to "
                         "the Washington Post and CNN, he left. He left, according to officials and the talks failed.")
    assert table[table["cue"].str.lower() == "according to"]["source"].tolist() == [
        "Woodward and Costa", "the Washington Post and CNN", "officials"]
    assert find(table, "According to")["source_resolved"] == "Woodward and Costa"  # not Costa alone


@pytest.mark.parametrize("a, b, same", [
    ("Mark Esper", "Esper", True),
    ("The Washington Post", "Washington Post", True),
    ("*Times*", "New York Times", True),
    ("anonymous military expert", "military expert who requested to remain anonymous", True),
    ("sources familiar with the situation", "sources", True),
    ("source familiar with Milley's conversations", "One source familiar with Milley's talks with Li", True),
    ("senior defense official", "military expert", False),
    ("Secretary of Defense Mark Esper", "Secretary of State Mike Pompeo", False),  # names: not by their title
    ("Peril", "", False),
])
def test_same_speaker_compares_names_and_descriptions_as_a_reader_would(a, b, same):
    assert same_speaker(a, b) is same
    assert same_speaker(b, a) is same


@pytest.mark.parametrize("phrase, description", [
    ("A military expert", "military expert"), ("one of the sources", "sources"),
    ("One source familiar with the talks", "source familiar with the talks"),
    ("one or both parties", "one or both parties"),  # "one or" is no article
])
def test_a_description_as_a_speaker_loses_its_article(phrase, description):
    assert short_description(phrase) == description


@pytest.mark.parametrize("text, cue", [
    ("Milley called an extraordinary and secret meeting of senior officers.", None),  # he convened it
    ("He called a snap election.", None),
    ("He called the meeting.", None),
    ("The pandemic, which has claimed the lives of 600,000 Americans, goes on.", None),
    ("He refused to comment on the report.", None),
    ('They held a rally on Saturday titled "Justice for J6."', None),  # a title is a name, not speech
    ('The senator published a report entitled "The Facts" last week.', None),
    ("They called the vote a sham.", "called"),  # naming is speech
    ("Trump called Milley a traitor.", "called"),
    ("Pelosi called for his resignation.", "called for"),
])
def test_cues_of_acts_that_are_not_speech(text, cue):
    assert attributions(text)["cue"].tolist() == ([cue] if cue else [])


@pytest.mark.parametrize("text, speakers", [
    # the one asked answers: "he said" after "X asked Sanders ..." is Sanders
    ("Last month, The Huffington Post’s Scott Conroy asked Sanders whether his age was fair game. “Sure it is,” he "
     "said.", ["Scott Conroy", "Sanders"]),
    ("Reporters asked Clinton about the emails. “I made a mistake,” she said.", ["Reporters", "Clinton"]),
    ("Trump asked him about the wall. “It will be built,” he said.", ["Trump", "Trump"]),  # "him" names no one
    # the words of a quoted title are no person a pronoun could stand for
    ("Tim Harris sat in the back of the room. His biography, ''Trump Revealed,'' came out in 2016. He said the "
     "figures were wrong.", ["Tim Harris"]),
])
def test_a_pronoun_after_a_question_is_the_one_asked(text, speakers):
    assert attributions(text)["source_resolved"].tolist() == speakers


@pytest.mark.parametrize("text, source", [
    # the subject a participle shares is the whole list of who acts, not its first item
    ("Trump supporters, militia groups and former aides have called a rally for September 18, calling for the release "
     "of the prisoners.", "Trump supporters, militia groups and former aides"),
    # "supporters" is no form of the reporting verb "support": the subject runs on to its verb
    ("Trump supporters have called a rally in Washington for September 18, calling for the release of the prisoners.",
     "Trump supporters"),
    # a participle followed by its object has its content after it, not in the quoted title before it
    ('Supporters held a rally titled "Justice for J6," calling for the release of the prisoners.', "Supporters"),
])
def test_a_participle_shares_the_whole_subject_and_has_its_own_content(text, source):
    [row] = attributions(text).to_dict("records")
    assert (row["cue"], row["source"], row["content"]) == ("calling for", source, "the release of the prisoners")


@pytest.mark.parametrize("text, speakers, types", [
    # "it" is the document, outlet or organisation that spoke just before; a person is no "it"
    ("The State Department said on Monday that the talks would resume. It also said the envoy would travel.",
     ["State Department", "State Department"], ["organisation", "organisation"]),
    ("Columnist Erick Erickson wrote that the party was split. It said the vote was close.",
     ["Erick Erickson", "It"], ["media", "unknown"]),
])
def test_it_is_the_thing_that_spoke_before(text, speakers, types):
    table = attributions(text)
    assert table["source_resolved"].tolist() == speakers and table["source_type"].tolist() == types
