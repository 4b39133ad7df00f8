"""Epistemic stance and rhetorical devices: how sure the writer sounds, and how it talks to you.

``stance_markers(text)`` finds, with spans:

* ``hedge`` and ``booster``: from ``lexicons/stance_markers.csv`` ("reportedly",
  "allegedly", "may", "it is unclear" / "absolutely", "clearly", "in fact");
* ``scare_quote``: a short quotation (one to four words) with no reporting
  expression in the 60 characters before it or the 40 after, not introduced by a
  colon or comma, and not a title
  ("unity", "political prisoners");
* ``rhetorical_question``: a question in the outlet's own voice, outside quotations;
* ``direct_address``: "you"/"your" in the outlet's own voice;
* ``call_to_action``: an own-voice sentence that tells the reader to do something
  (it opens, perhaps after "Now" or "Please", with an imperative such as "Read",
  "Share", "Support", "Don't", or says
  "now is the time to", "we must", "you should").

>>> stance_markers("It is unclear who knew. He was reportedly angry. Read this.")[["text", "category"]].values.tolist()
[['unclear', 'hedge'], ['reportedly', 'hedge'], ['Read this.', 'call_to_action']]
"""

import re

import pandas as pd

from analysis.text.document import parse_text
from analysis.text.quotes import inside

MARKER_COLUMNS = ["start", "end", "text", "category", "voice", "sentence_id", "note", "source"]
SCARE_QUOTE_MAX_WORDS = 4
CUE_WINDOW_BEFORE, CUE_WINDOW_AFTER = 60, 40  # characters around a quotation searched for a reporting cue
IMPERATIVES = {
    "read", "look", "share", "support", "join", "sign", "call", "contact", "tell", "demand", "remember",
    "imagine", "consider", "watch", "stop", "vote", "donate", "subscribe", "follow", "click", "think",
    "don't", "do", "let's", "help", "act", "fight", "spread", "ask", "write", "check", "see", "listen",
}
CALL_PHRASES = re.compile(r"(?i)\b(now is the time to|it is time to|it's time to|we must|we need to|you should|"
                          r"you must|you need to|make sure you|don't let)\b")
TITLE_CUES = re.compile(r"(?i)\b(book|film|movie|novel|report|titled|entitled|song|album|show|series|column|"
                        r"headline|magazine|newspaper)\W*$")
_ADDRESS = {"you", "your", "yours", "yourself", "yourselves"}
OWN_VOICE_ONLY = ("direct_address", "rhetorical_question", "call_to_action")  # not counted inside quotations


def stance_markers(text, stance_lexicon="stance_markers", reporting_lexicon="reporting_verbs", quoted_spans=()):
    """Hedges, boosters, scare quotes, rhetorical questions, direct address and calls to action.

    Args:
        text: any text.
        stance_lexicon: hedges and boosters (name, CSV path or DataFrame).
        reporting_lexicon: reporting expressions, used to tell quotations attributed
            to a speaker from scare quotes.
        quoted_spans: extra ``(start, end)`` spans to treat as quoted voices (embedded posts).

    Returns:
        DataFrame with ``start``, ``end``, ``text``, ``category``, ``voice`` (own or
        quoted), ``sentence_id``, ``note`` and ``source``, sorted by position.

    Caveat: these are surface cues. "May" as a hedge and "you" as address are
    counted wherever they occur; a scare quote can be a fragment of a real quotation
    whose speaker is named in another sentence.
    """
    return find_stance_markers(parse_text(text, quoted_spans), stance_lexicon, reporting_lexicon)


def find_stance_markers(doc, stance_lexicon="stance_markers", reporting_lexicon="reporting_verbs"):
    """``stance_markers`` of a parsed text (a ``Document``)."""
    return stance_table(stance_rows(doc, stance_lexicon, reporting_lexicon))


def stance_table(rows):
    """The table of ``stance_markers`` from its rows (``stance_rows``)."""
    if rows:
        return pd.DataFrame(rows, columns=MARKER_COLUMNS)
    # an empty table with the column types a full one has
    return pd.DataFrame([_row("x", 0, 0, "", 0, "", "") | {"voice": ""}], columns=MARKER_COLUMNS).iloc[:0]


def stance_rows(doc, stance_lexicon="stance_markers", reporting_lexicon="reporting_verbs"):
    """The rows of ``find_stance_markers`` as dicts (the annotation keeps these; tables are made on demand)."""
    text = doc.text
    rows = []
    sentence_ids = doc.sentence_ids
    for hit in doc.phrases(stance_lexicon):
        row = hit["row"]
        rows.append(_row(text, hit["start"], hit["end"], row.category, sentence_ids[hit["first_token"]],
                         row.note, row.source))
    rows += _scare_quotes(doc, reporting_lexicon)
    rows += _sentence_devices(doc)
    for i in [i for i, norm in enumerate(doc.norms) if norm in _ADDRESS]:
        rows.append(_row(text, doc.starts[i], doc.ends[i], "direct_address", sentence_ids[i],
                         "the reader is addressed as 'you'", "project rule"))
    in_quotation = doc.quoted([row["start"] for row in rows])
    # a scare quote is itself a quotation: it is quoted speech only inside an embedded post
    in_post = doc.in_post([row["start"] for row in rows])
    kept = []
    for row, quoted_here, posted in zip(rows, in_quotation, in_post):
        row["voice"] = "quoted" if (posted if row["category"] == "scare_quote" else quoted_here) else "own"
        if row["voice"] == "own" or row["category"] not in OWN_VOICE_ONLY:
            kept.append(row)
    kept.sort(key=lambda row: (row["start"], row["end"]))  # stable, as before
    return kept


def _row(text, start, end, category, sentence_id, note, source):
    return {"start": int(start), "end": int(end), "text": text[start:end], "category": category,
            "sentence_id": int(sentence_id), "note": note, "source": source}


def _scare_quotes(doc, reporting_lexicon):
    text = doc.text
    cues = [hit["start"] for hit in doc.phrases(reporting_lexicon)]
    colon_or_comma_before = re.compile(r"[:,]\s*$")
    rows = []
    for quote in doc.quotations:
        if not 1 <= quote["words"] <= SCARE_QUOTE_MAX_WORDS:
            continue
        start, end = quote["start"], quote["end"]
        sentence_id = max(0, doc.sentence_at(start))
        before = text[max(0, start - 40):start]
        inner = text[quote["inner_start"]:quote["inner_end"]]
        attributed = any(start - CUE_WINDOW_BEFORE <= cue <= end + CUE_WINDOW_AFTER for cue in cues)
        if attributed or colon_or_comma_before.search(before) or TITLE_CUES.search(before):
            continue
        if _is_title(inner):
            continue
        rows.append(_row(text, start, end, "scare_quote", sentence_id,
                         "a short quotation with no speaker given next to it", "project rule"))
    return rows


def _is_title(inner):
    words = re.findall(r"\w[\w'’-]*", inner)
    return bool(words) and all(word[0].isupper() for word in words) and len(words) > 1


_OPENER = re.compile(r"(?i)(?:(?:now|so|please|just|then|and)\W+)?([\w'’]+)")
_ASKING = re.compile(r"(?i)(do|think|see|ask|call|act|help)\b[^.?!]*\?")  # "Do you think ...?" asks


def _sentence_devices(doc):
    text, merged = doc.text, doc.quoted_spans
    rows = []
    starts, ends = doc.sentence_starts, doc.sentence_ends
    ids, texts = range(len(starts)), [text[start:end] for start, end in zip(starts, ends)]
    stripped = [sentence.rstrip("”\"’' )") for sentence in texts]
    # whether the sentence's first and last character, and its last one before closing marks, are quoted
    first_quoted, last_quoted, mark_quoted = (inside(merged, positions) for positions in (
        starts, [end - 1 for end in ends], [start + len(kept) - 1 for start, kept in zip(starts, stripped)]))
    for number, (sentence_id, start, end, sentence) in enumerate(zip(ids, starts, ends, texts)):
        if first_quoted[number] and last_quoted[number]:
            continue
        if stripped[number].endswith("?") and not mark_quoted[number]:
            rows.append(_row(text, start, end, "rhetorical_question", sentence_id,
                             "a question in the outlet's own voice", "project rule"))
        first = _OPENER.match(sentence)
        opener = first.group(1).lower().replace("’", "'") if first else ""
        if (opener in IMPERATIVES and not _ASKING.match(sentence)) \
                or CALL_PHRASES.search(sentence):
            rows.append(_row(text, start, end, "call_to_action", sentence_id,
                             "tells the reader to do something", "project rule"))
    return rows
