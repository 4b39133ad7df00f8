"""Whose words carry the tone toward a mention: the role of each mention of an actor.

The target-sentiment model (``analysis.detectors.sentiment``) reads the words around a
mention. Whether those words are the writer's tone toward the actor depends on the
mention's role, which the attributions tell (the rules of the reading guidelines,
``corpus/READING.md``, layer ``tone``):

- ``speaker``: the mention is the one who speaks, the source of an attribution ("Trump
  said the general should be tried", "immigrants, whom Trump has vowed to remove").
  What is said is the speaker's attitude to its subject, not the writer's to the
  speaker: the accuser is not the target of the accusation. Such a mention does not count
  toward the article's tone (weight 0), unless the words next to the reporting verb judge
  the speaker ("falsely stated", "was forced to admit", "boasted":
  ``lexicons/speaker_framing.csv``); then it counts, as negative (or positive).
- ``own words``: the mention is inside what the actor itself says. A person's own words
  about themselves are not the writer's tone toward them: not counted (weight 0).
- ``quoted``: inside someone else's words (a quotation, a post, reported speech): the tone
  the quoted sentence takes toward the actor, as NewsMTSC and the reading count it.
- ``writer``: the writer's own words.

>>> from analysis.annotation import annotate
>>> note = annotate("Trump falsely stated that Milley was a traitor.", {"Trump": ["Trump"], "Milley": ["Milley"]})
>>> [(m["target"], m["role"], m["label"], m["weight"]) for m in note.rows["toward"]]
[('Trump', 'speaker', 'negative', 1), ('Milley', 'quoted', 'negative', 1)]
"""

import bisect

ROLES = ("writer", "quoted", "speaker", "own words")
FRAMING_LEXICON = "speaker_framing"
FRAMING_REACH = 3  # a framing word counts up to this many tokens before the reporting verb
FRAMING_SCORES = {"negative": -1.0, "positive": 1.0}


def with_roles(doc, mentions, attributions, framing=FRAMING_LEXICON):
    """The mention rows of ``sentiment_toward`` with their role, weight and the tone that counts.

    Args:
        doc: the parsed text (``Document``) the rows point into.
        mentions: ``toward_rows`` (dicts with ``target``, ``start``, ``end``, ``score``, ``label``...).
        attributions: ``attribution_rows`` of the same text (resolved to the same actors).
        framing: the speaker-framing lexicon (name, CSV path or DataFrame).

    Returns:
        new dicts: each mention with ``role`` (one of ``ROLES``) and ``weight``: 1 if the
        article's tone counts it, 0 for a speaker the writer does not judge and for the actor's
        own words. A judged speaker's ``score`` and ``label`` are what the framing words say
        (-1 or 1); other mentions keep the model's. The model's probabilities are kept as they
        were, so a reader can see what the words around the mention suggested.
    """
    sources, contents = _Spans(attributions, "source"), _Spans(attributions, "content")
    framed = _framed_speakers(doc, attributions, framing) if sources.spans else {}
    rows = [None] * len(mentions)
    for place in sorted(range(len(mentions)), key=lambda i: mentions[i]["start"]):  # the sweep goes left to right
        mention = mentions[place]
        start, end, target = mention["start"], mention["end"], mention["target"]
        row = dict(mention, role="writer", weight=1)
        speaking = sources.holding(start, end)
        if speaking:
            tone = framed.get(speaking[0]["attribution_id"])
            row.update(role="speaker", weight=0)
            if tone:
                row.update(score=FRAMING_SCORES[tone], label=tone, weight=1)
        else:
            saying = contents.holding(start, end)
            if any(a["source_resolved"] == target for a in saying):
                row.update(role="own words", weight=0)
            elif saying or doc.quoted([start])[0]:
                row["role"] = "quoted"
        rows[place] = row
    return rows


class _Spans:
    """The source (or content) spans of attributions, swept left to right to find those that hold
    each mention: ``holding`` must be asked in the order of the mentions' starts. Only the spans
    open at the mention are looked at, so the time grows with the text, not with its square."""

    def __init__(self, attributions, part):
        self.spans = sorted(((a[f"{part}_start"], a[f"{part}_end"], i) for i, a in enumerate(attributions)
                             if 0 <= a[f"{part}_start"] < a[f"{part}_end"]))
        self.attributions, self.next, self.open = attributions, 0, []

    def holding(self, start, end):
        """The attributions whose span holds ``start``..``end``, the nearest (latest starting) first."""
        spans = self.spans
        while self.next < len(spans) and spans[self.next][0] <= start:
            self.open.append(spans[self.next])
            self.next += 1
        self.open = [span for span in self.open if span[1] > start]
        return [self.attributions[index] for _, span_end, index in reversed(self.open) if span_end >= end]


def _framed_speakers(doc, attributions, framing):
    """``{attribution_id: "negative" | "positive"}`` for attributions whose reporting verb is
    framing, or has a framing word at most ``FRAMING_REACH`` tokens before it (same sentence)."""
    hits = doc.phrases(framing, required=("term", "tone"))
    if not hits:
        return {}
    starts = [hit["start"] for hit in hits]
    token_starts = doc.starts
    framed = {}
    for attribution in attributions:
        cue_start, cue_end = attribution["cue_start"], attribution["cue_end"]
        first = bisect.bisect_left(token_starts, cue_start)  # the cue's first token
        reach = token_starts[max(0, first - FRAMING_REACH)]
        sentence_start = doc.sentence_starts[max(0, doc.sentence_at(cue_start))]
        for hit in hits[bisect.bisect_left(starts, max(reach, sentence_start)):bisect.bisect_left(starts, cue_end)]:
            framed[attribution["attribution_id"]] = hit["row"].tone
    return framed
