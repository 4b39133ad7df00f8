"""Who speaks: attributions with their cue, stance, source, source type and content.

``attributions(text)`` finds each place where the text attributes words or
thoughts to someone:

1. **Cues** ("said", "told", "according to", "has learned", "warned") are found by
   a word model trained on the PolNeAR corpus (Newell et al. 2018): a logistic
   regression over each token, its stem, its neighbours, whether it is in the
   reporting-verb lexicon and whether it stands next to a quotation; then a second
   one that also knows whether the token lies inside the content or source of
   another likely cue. Weights: ``models/attribution_cues.csv`` and
   ``models/attribution_cues_nested.csv``. Adjacent flagged tokens form one cue.
2. The cue's **stance** comes from ``lexicons/reporting_verbs.csv`` (neutral,
   endorsing, distancing, tentative, evaluative; "other" when not listed).
3. **Content and source** follow from the cue's position, by rules: a quotation
   next to the cue is its content (direct speech), and the words between the
   quotation and the cue are its source ('"...," Milley told him'); a cue
   introducing a colon or quotation takes the quotation after it; otherwise the
   source is the phrase before the cue and the content the clause after it
   ("Esper worried the Chinese were misreading..."), or, for a cue at the end of a
   sentence (", sources said."), the content is what precedes it. "According to X"
   takes X as the source.
   The source is then cut to a whole noun phrase (``phrases``): a relative pronoun
   becomes the phrase it refers to, a passive cue takes its "by" agent, a second
   verb of the same subject ("... and said") takes the sentence's subject.
4. The **source is resolved** to one speaker: a name or description listed in the
   story's actors.yml ("the general") becomes that actor, "he" or "she" the person
   speaking just before, a name its bare form ("Zhao Lijian") (``sources``); then, from
   what the rest of the article says (``speakers``), a surname the fuller name, an
   outlet's report the outlet, a description the person it turns out to be.
5. The **source type** is the actor's role where actors.yml gives one; otherwise it
   comes from rules on the source and on what the text says about the same person
   elsewhere: anonymous (an unnamed description), document, media, expert, military,
   organisation, named person (see the reading guidelines for the definitions).

Embedded posts (tweets) are attributions too: pass them as ``posts``.

>>> table = attributions("“We will not attack,” Milley told Li. Officials said the calls were routine.")
>>> table[["cue", "source", "direct"]].values.tolist()
[['told', 'Milley', True], ['said', 'Officials', False]]
"""

import re

import pandas as pd

from analysis.detectors.attribution.cues import find_cues, reporting_stances, speech_cue
from analysis.detectors.attribution.phrases import content_until_next, noun_phrase_source, shared_subject
from analysis.detectors.attribution.positions import locate
from analysis.detectors.attribution.sources import addressee, is_person, names_before, resolve, source_type
from analysis.detectors.attribution.speakers import (identified_later, it_is_the_thing_before, one_name_per_person,
                                                     openers_are_not_names, outlet_speakers, role_elsewhere,
                                                     same_description, the_writer)
from analysis.text.document import parse_text
from analysis.text.parse import without_cycle_collection

ATTRIBUTION_COLUMNS = [
    "attribution_id", "cue", "cue_start", "cue_end", "stance", "source", "source_start", "source_end",
    "source_resolved", "source_type", "content", "content_start", "content_end", "direct", "sentence_id",
]


@without_cycle_collection
def attributions(text, posts=(), actors=None, reporting_lexicon="reporting_verbs", roles=None):
    """Every attribution in a text, one row each.

    Args:
        text: any text.
        posts: embedded posts and quoted statements as dicts with ``start``, ``end``
            (offsets into ``text``), ``author`` and ``kind`` ("embedded_post" or
            "quotation"); each becomes a direct attribution to its author.
        actors: ``{actor: [names]}`` (a story's actors.yml) to resolve sources.
        reporting_lexicon: the reporting-verb lexicon that gives each cue its stance.
        roles: ``{actor: source type}`` (actors.yml's ``roles:``): an actor's attributions
            take its role as their source type.

    Returns:
        DataFrame with ``attribution_id``, ``cue``, ``cue_start``, ``cue_end``,
        ``stance``, ``source``, ``source_start``, ``source_end`` (-1 when the source
        is not in the text), ``source_resolved``, ``source_type``, ``content``,
        ``content_start``, ``content_end``, ``direct`` (content in quotation marks)
        and ``sentence_id``.

    Caveat: the cue model finds about four cues in five (PolNeAR figures in the
    README); source and content come from position rules and miss unusual word
    orders. A source's type is a rule's guess (README: about two in three right on
    PolNeAR dev sources typed by hand).
    """
    return find_attributions(parse_text(text, posts), actors, reporting_lexicon, roles)


def find_attributions(doc, actors=None, reporting_lexicon="reporting_verbs", roles=None):
    """``attributions`` of a parsed text (a ``Document``); its posts are attributed to their authors."""
    return attribution_table(attribution_rows(doc, actors, reporting_lexicon, roles))


def attribution_table(rows):
    """The table of ``attributions`` from its rows (``attribution_rows``)."""
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)


def attribution_rows(doc, actors=None, reporting_lexicon="reporting_verbs", roles=None):
    """The rows of ``find_attributions`` as dicts (the annotation keeps these; tables are made on demand)."""
    text = doc.text
    stances = reporting_stances(doc, reporting_lexicon)
    rows = []
    # the cue model was trained with the shipped reporting-verb lexicon: reuse its look-up only if that is this one
    shipped = isinstance(reporting_lexicon, str) and reporting_lexicon == "reporting_verbs"
    located = {}  # what the cue model's first stage located already
    for first, last in find_cues(doc, stances if shipped else None, located):
        row = dict(located[first, last]) if (first, last) in located else locate(doc, first, last)
        if not speech_cue(doc, first, last, row):
            continue
        row["stance"] = next((stances[i] for i in range(first, last + 1) if i in stances), "other")
        rows.append(row)
    # a verb in a relative clause of another attribution's source is part of that source ("A
    # military expert who requested to remain anonymous told ..."); PolNeAR never marks a cue
    # inside a source either
    rows = [row for row in rows if not (re.search(r"\b(who|which|that)$", row["source"].lower()) and any(
        other is not row and other["source_start"] <= row["cue_start"] and row["cue_end"] <= other["source_end"]
        for other in rows))]
    # where a phrase meets a reporting verb: its inflections only ("supporters" is no form of "support")
    verbs = {i for hit in doc.phrases(reporting_lexicon, inflections_only=True)
             for i in range(hit["first_token"], hit["last_token"] + 1)}
    for row in rows:
        noun_phrase_source(doc, row, verbs)
    shared_subject(doc, rows, verbs)
    content_until_next(doc, rows)
    for post in doc.posts:
        content = text[post["start"]:post["end"]]
        rows.append({"cue": "", "cue_start": post["start"], "cue_end": post["start"], "stance": "neutral",
                     "source": post["author"], "source_start": -1, "source_end": -1, "content": content,
                     "content_start": post["start"], "content_end": post["end"], "direct": True,
                     "sentence_id": max(doc.sentence_at(post["start"]), 0),
                     "posted": "social media post" if post.get("kind", "embedded_post") == "embedded_post"
                     else "document"})
    rows.sort(key=lambda r: r["cue_start"])
    names = names_before(text, actors)
    speakers = []  # (position, name) of earlier sources that are people: "He added" follows them
    for number, row in enumerate(rows):
        row["attribution_id"] = number
        row["source_resolved"] = resolve(row, names, actors, speakers)
        if row["source_start"] >= 0 and is_person(row["source"], row["source_resolved"], actors):
            speakers.append((row["source_start"], row["source_resolved"]))
        asked = addressee(row, actors)
        if asked:  # "Conroy asked Sanders whether ... 'Sure it is,' he said": he answers, Sanders
            speakers.append((row["cue_start"], asked))
        posted = row.pop("posted", None)
        row["source_type"] = posted or source_type(row, actors)
    outlet_speakers(text, rows, actors)
    one_name_per_person(rows, names, actors)
    role_elsewhere(text, rows, actors)
    identified_later(rows)
    same_description(rows, actors)
    openers_are_not_names(doc, rows)
    it_is_the_thing_before(rows)
    the_writer(doc, rows)
    for row in rows:
        row["source_type"] = (roles or {}).get(row["source_resolved"], row["source_type"])
    return rows
