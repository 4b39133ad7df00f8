"""How far the program's marks agree with a person's careful reading of a story.

``agreement(story)`` sets the marks of every article's annotation beside the story's
reading (``Story.reading``, see ``corpus/READING.md``), layer by layer, and counts:

* a program mark and a reader's mark **match** when they are in the same article and layer
  and their spans overlap (each mark matches at most one other, the largest overlaps first;
  for the ``fact`` layer the labels, i.e. the facts, must be the same too);
* precision = matched / program marks, recall = matched / reader's marks, F1 their harmonic mean;
* ``label_agreement``: of the matched pairs, the share with the same label (the loaded-word
  category, the stance device, the verb's stance, the source type, direct or indirect, the
  tone); for ``fact``, the share where both place the fact's first sentence at the same place;
* ``speaker_agreement``: of the matched pairs of ``cue``, ``source``, ``content`` and
  ``tone``, the share naming the same speaker (or actor): equal names, the same last word, or
  descriptions of unnamed people with the same head noun (``speakers.same_speaker``).

``tone_cells(story)`` compares the chart of tone toward actors cell by cell: the article's tone
toward each actor from the reader's marks and from the program's.
"""

import pandas as pd

from analysis.annotation import annotate_story
from analysis.detectors.attribution.speakers import same_speaker
from analysis.detectors.tone import MIN_MENTIONS, tones_by_actor
from analysis.measures.selection import curated_coverage
from analysis.stories.reading import READING_LABELS

AGREEMENT_COLUMNS = ["layer", "article", "reading", "program", "matched", "precision", "recall", "f1",
                     "label_agreement", "speaker_agreement"]
MARK_COLUMNS = ["article", "layer", "start", "end", "label", "speaker", "attribution"]
_SPEAKER_LAYERS = ("cue", "source", "content", "tone")


def program_marks(story):
    """The program's marks of every article, in the reading's shape (``MARK_COLUMNS``, and
    ``text``): the attributions give a cue, a source and a content row each (when found),
    sharing an ``attribution`` number (1, 2, ... within the article; 0 for other layers)."""
    rows, notes = [], annotate_story(story, automatic=True)
    for article_id, note in notes.items():
        rows += [(article_id, "loaded", r.start, r.end, r.category, "", 0) for r in note.loaded.itertuples()]
        rows += [(article_id, "stance", r.start, r.end, r.category, "", 0) for r in note.stance.itertuples()]
        for number, r in enumerate(note.attributions.itertuples(), start=1):
            speaker = r.source_resolved or "unknown"  # no source found: the reading's word for it
            rows.append((article_id, "cue", r.cue_start, r.cue_end, r.stance, speaker, number))
            if r.source_start >= 0:
                rows.append((article_id, "source", r.source_start, r.source_end, r.source_type, speaker, number))
            if r.content_start >= 0:
                rows.append((article_id, "content", r.content_start, r.content_end,
                             "direct" if r.direct else "indirect", speaker, number))
        rows += [(article_id, "tone", r.start, r.end, r.label, r.target, 0) for r in note.toward.itertuples()]
    if len(story.facts):
        for r in curated_coverage(story).itertuples():
            if r.carried:
                doc = notes[r.article_id].doc
                rows.append((r.article_id, "fact", doc.sentence_starts[r.sentence_id],
                             doc.sentence_ends[r.sentence_id], r.fact_id, "", 0))
    marks = pd.DataFrame(rows, columns=MARK_COLUMNS)
    marks = marks[marks["end"] > marks["start"]].reset_index(drop=True)  # an empty span marks nothing
    bodies = dict(zip(story.articles["article_id"], story.articles["body"]))
    marks.insert(4, "text", [bodies[a][s:e] for a, s, e in zip(marks["article"], marks["start"], marks["end"])])
    return marks


def agreement(story):
    """The program against the story's reading, per layer and article, and per layer over all
    articles (``article`` "all"): a table with ``AGREEMENT_COLUMNS``. Empty when the story has
    no reading."""
    if story.reading.empty:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    program, reading = program_marks(story), story.reading
    rows = []
    for layer in READING_LABELS:
        pooled = [0, 0, 0, 0, 0, 0, 0]
        for article_id in story.article_ids:
            mine = reading[(reading["article"] == article_id) & (reading["layer"] == layer)]
            theirs = program[(program["article"] == article_id) & (program["layer"] == layer)]
            pairs = match_marks(mine, theirs, same_label=layer == "fact")
            same_label = sum(_same_label(layer, a, b) for a, b in pairs)
            speakers = sum(same_speaker(a.speaker, b.speaker) for a, b in pairs)
            counts = [len(mine), len(theirs), len(pairs), same_label, speakers]
            rows.append(_row(layer, article_id, *counts))
            pooled = [total + count for total, count in zip(pooled, counts)]
        rows.append(_row(layer, "all", *pooled[:5]))
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


DISAGREEMENT_COLUMNS = ["article", "layer", "start", "end", "text", "label", "speaker", "kind", "note"]


def disagreements(story):
    """Where the program and the story's reading disagree, one row per mark (``DISAGREEMENT_COLUMNS``):
    ``kind`` "added" for a reader's mark no program mark overlaps (the reader's note), "dropped"
    for a program mark no reader's mark overlaps (the note ``dropped.csv`` gives it, if any).
    Marks matched with another label or speaker are not listed (``agreement`` counts them)."""
    if story.reading.empty:
        return pd.DataFrame(columns=DISAGREEMENT_COLUMNS)
    program, reading, dropped = program_marks(story), story.reading, story.dropped
    notes = {(r.article, r.layer, r.start, r.end, r.label): r.note for r in dropped.itertuples()}
    rows = []
    for article_id, layer in {*zip(program["article"], program["layer"]), *zip(reading["article"], reading["layer"])}:
        theirs = program[(program["article"] == article_id) & (program["layer"] == layer)]
        mine = reading[(reading["article"] == article_id) & (reading["layer"] == layer)]
        pairs = match_marks(mine, theirs, same_label=layer == "fact")
        matched = {a.Index for a, _ in pairs}, {b.Index for _, b in pairs}
        rows += [(*_parts(b), "dropped", notes.get((article_id, layer, b.start, b.end, b.label), ""))
                 for b in theirs.itertuples() if b.Index not in matched[1]]
        rows += [(*_parts(a), "added", a.note) for a in mine.itertuples() if a.Index not in matched[0]]
    table = pd.DataFrame(rows, columns=DISAGREEMENT_COLUMNS)
    order = {article_id: number for number, article_id in enumerate(story.article_ids)}
    return table.sort_values(["article", "start", "end", "layer", "kind"], key=lambda column: column.map(order)
                             if column.name == "article" else column).reset_index(drop=True)


def _parts(mark):
    return mark.article, mark.layer, mark.start, mark.end, mark.text, mark.label, mark.speaker


def match_marks(mine, theirs, same_label=False):
    """One-to-one pairs ``(reader's mark, program's mark)`` of overlapping spans, largest overlaps first."""
    candidates = []
    for a in mine.itertuples():
        for b in theirs.itertuples():
            overlap = min(a.end, b.end) - max(a.start, b.start)
            if overlap > 0 and (not same_label or a.label == b.label):
                candidates.append((-overlap, a.Index, b.Index, a, b))
    pairs, used_a, used_b = [], set(), set()
    for _, index_a, index_b, a, b in sorted(candidates, key=lambda item: item[:3]):
        if index_a not in used_a and index_b not in used_b:
            used_a.add(index_a)
            used_b.add(index_b)
            pairs.append((a, b))
    return pairs


def _same_label(layer, a, b):
    if layer == "fact":  # the same fact: is its first sentence the same?
        return a.start < b.end and b.start < a.end
    return a.label == b.label


def _row(layer, article, reading, program, matched, same_label, same_speaker):
    precision = matched / program if program else float("nan")
    recall = matched / reading if reading else float("nan")
    f1 = 2 * matched / (program + reading) if program + reading else float("nan")
    return {"layer": layer, "article": article, "reading": reading, "program": program, "matched": matched,
            "precision": precision, "recall": recall, "f1": f1,
            "label_agreement": same_label / matched if matched else float("nan"),
            "speaker_agreement": (same_speaker / matched if matched and layer in _SPEAKER_LAYERS
                                  else float("nan"))}


TONE_CELL_COLUMNS = ["actor", "article", "reader", "reader_mentions", "program", "program_sure", "program_mentions",
                     "agree"]


def tone_cells(story):
    """The tone toward each actor over each article (``analysis.detectors.tone``) from the reader's
    marks and from the program's, one row per cell that rests on at least ``MIN_MENTIONS`` counted
    mentions on either side (``TONE_CELL_COLUMNS``): the labels, the mentions each counted,
    whether the program's label is sure (its interval stays in the label's band) and whether the
    two labels agree. Empty when the story has no reading."""
    if story.reading.empty:
        return pd.DataFrame(columns=TONE_CELL_COLUMNS)
    reader, program = annotate_story(story, automatic=False), annotate_story(story, automatic=True)
    rows = []
    for article_id in story.article_ids:
        theirs = tones_by_actor(reader[article_id].rows["toward"], story.actor_names)
        mine = tones_by_actor(program[article_id].rows["toward"], story.actor_names)
        for actor in story.actor_names:
            a, b = theirs[actor], mine[actor]
            if max(a["mentions"], b["mentions"]) >= MIN_MENTIONS:
                rows.append((actor, article_id, a["label"], a["mentions"], b["label"], b["certain"], b["mentions"],
                             a["label"] == b["label"]))
    return pd.DataFrame(rows, columns=TONE_CELL_COLUMNS)
