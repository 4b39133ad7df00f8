"""Where an attribution's content and source are, given its cue: position rules.

A quotation next to the cue is its content (direct speech), and the words between the
quotation and the cue are its source ('"...," Milley told him'); a cue introducing a colon
or quotation takes the quotation after it; otherwise the source is the phrase before the
cue and the content the clause after it, or, for a cue at the end of a sentence
(", sources said."), the content is what precedes it. "According to X" takes X as the source.
"""

import bisect
import itertools
import re

from analysis.detectors.attribution.sources import is_place

BOUNDARY = {",", ";", ":", "“", "”", '"', "that", "and", "but", "while", "because", "(", ")", "—", "–", "-", "--",
            "as", "when", "if", "where", "after", "before", "since", "so", "whether", "though", "although", "unless",
            "whereas"}
TRAILING_FILLERS = {"also", "then", "later", "again", "reportedly", "previously", "has", "have", "had", "was",
                    "is", "were", "are", "would", "will", "could", "may", "did", "does", "do", "not", "n't",
                    "never", "once", "even", "only", "recently", "still", "already", "just", "been"}
# Contexts joined with lexicon membership (all) and with the word's stem (the second set).


def locate(doc, first, last):
    """Content and source of the cue made of tokens ``first`` to ``last``, by the position rules
    above, as a dict of the attribution table's columns."""
    text, quotes = doc.text, doc.quote_spans
    starts, norms = doc.starts, doc.norms
    cue_start, cue_end = starts[first], doc.ends[last]
    sentence_id = doc.sentence_ids[first]
    s_first, s_last = doc.bounds[sentence_id]
    row = {"cue": text[cue_start:cue_end], "cue_start": cue_start, "cue_end": cue_end, "sentence_id": sentence_id,
           "source": "", "source_start": -1, "source_end": -1, "content": "", "content_start": -1,
           "content_end": -1, "direct": False}
    # a cue followed by "that" introduces what follows, not a quotation before it
    before = (None if last < s_last and norms[last + 1] == "that"
              else _quote_ending_before(text, quotes, cue_start, starts[s_first]))
    gap = [i for i in range(max(s_first, bisect.bisect_left(starts, before[1])), first)
           if doc.kinds[i] != "punct"] if before else []
    after = _quote_starting_after(text, quotes, cue_end)
    if norms[first].endswith("ing") and (gap or after is not None or last < s_last and doc.kinds[last + 1] != "punct"):
        # '"...," said McCain, referring to Trump': the quotation is the first verb's; so is it in
        # '... "had a crazy policy," adding, "He lost ..."', where the participle has its own after it, and in
        # 'a rally titled "Justice for J6," calling for the release of ...', where its object follows
        before = None
    if norms[first] == "according" and last + 1 <= s_last:
        source = _coordinated(doc, span_until_boundary(doc, last + 1, s_last, step=1), s_last)
        content = (span_until_boundary(doc, source[1] + 2, s_last, step=1, stop_at=(";",))
                   if source and source[1] + 2 <= s_last else None)
        if content is None or content[0] > content[1] or first > s_first + 1:
            content = (s_first, first - 2) if first - 2 >= s_first else None
        set_span(row, "source", doc, source)
        set_span(row, "content", doc, content)
    elif before is not None:
        row.update(content=text[before[0]:before[1]], content_start=before[0], content_end=before[1], direct=True)
        if gap:
            set_span(row, "source", doc, (gap[0], gap[-1]))
        elif not norms[first].endswith("ing"):  # '"...," said Milley'; not '"...," calling for the release'
            set_span(row, "source", doc, span_until_boundary(doc, last + 1, s_last, step=1))
    elif after is not None:
        row.update(content=text[after[0]:after[1]], content_start=after[0], content_end=after[1], direct=True)
        set_span(row, "source", doc, _left_source(doc, first, s_first))
    elif (inverted := _inverted(doc, first, last, s_first, s_last)) is not None:
        # "The economy is weak, said Janet Yellen, the Fed's chair.": the source follows the cue
        set_span(row, "source", doc, _with_apposition(doc, inverted, s_last))
        set_span(row, "content", doc, (s_first, first - 2))
        if row["content_start"] >= 0:
            row["direct"] = bool(all(doc.in_quotation([row["content_start"], row["content_end"] - 1])))
    else:
        left = _left_source(doc, first, s_first)
        # the first three words after the cue tell all the rules below need (read no further: linear time)
        right_words = list(itertools.islice((i for i in range(last + 1, s_last + 1) if doc.kinds[i] != "punct"), 3))
        if len(right_words) <= 2 and first > s_first and not (right_words and norms[first].endswith("ing")):
            # ", sources said." : the source sits just before the cue, the content before that.
            source = left
            comma = next((i for i in range(source[0] - 1 if source else first - 1, s_first - 1, -1)
                          if norms[i] in (",", "”", '"')), None)
            content = (s_first, comma - 1) if comma is not None and comma - 1 >= s_first else None
            if source is None and right_words:
                source = (right_words[0], right_words[-1])
        else:
            source = left
            begin = last + 1
            if begin <= s_last and norms[begin] in ("that", ":", ","):
                begin += 1
            content = (begin, s_last) if begin <= s_last else None
        set_span(row, "source", doc, source)
        set_span(row, "content", doc, content)
        if row["content_start"] >= 0:
            inner = all(doc.in_quotation([row["content_start"], row["content_end"] - 1]))
            row["direct"] = bool(inner)
    return row


_INVERTED_VERBS = {"said", "says", "say", "added", "adds", "asked", "asks", "wrote", "writes", "explained",
                   "noted", "notes", "argued", "argues", "insisted", "continued", "recalled", "warned", "replied",
                   "observed", "acknowledged", "conceded", "declared", "countered", "tweeted"}
_CLAUSE_VERBS = {"is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "should", "be"}
_INVERTED_STOPS = {",", ";", ":", "(", ")", "—", "–", "--", '"', "“", "”", "who", "whose", "which", "that"}
_NOT_APPOSITION = {"with", "in", "on", "at", "for", "from", "by", "to", "who", "which", "that", "as", "after", "before",
                   "while", "when", "and", "but", "adding", "saying", "referring", "noting", "according"}


def _inverted(doc, first, last, s_first, s_last):
    """The source after a cue that stands between its content and its source ("The plan failed,
    said Ms. Gil.", "..., said the spokesman, adding ...", "..., said lobbyist Charlie Black",
    "..., said an official who was briefed"), or None: a one-word reporting verb after a comma
    that ends a clause of at least three words, followed by a short phrase with no verb that
    opens with an article or holds a capitalised word and ends the sentence or a clause ("Ari
    Fleischer, said Trump's nomination will ..." is a name, its description and a cue whose
    content follows)."""
    norms, texts = doc.norms, doc.texts
    if not (first == last and norms[first] in _INVERTED_VERBS and first - 4 >= s_first and norms[first - 1] == ","
            and last < s_last and doc.kinds[last + 1] != "punct"):
        return None
    source = span_until_boundary(doc, last + 1, s_last, step=1, max_tokens=8, stop_at=_INVERTED_STOPS)
    if not source or not (norms[source[0]] in ("the", "a", "an") or any(
            texts[i][:1].isupper() for i in range(source[0], source[1] + 1))):
        return None
    if (source[1] == s_last or norms[source[1] + 1] in (",", ".", "!", "?", "who", "whose")) and not any(
            norms[i] in _CLAUSE_VERBS or texts[i][:1].islower() and norms[i].endswith(("ed", "s")) and i > source[0]
            and norms[i - 1] not in ("the", "a", "an", "'s", "’s") for i in range(source[0], source[1] + 1)):
        return source
    return None


def _with_apposition(doc, source, s_last):
    """A source read rightwards with the description set off by a comma after it, when that
    description ends the sentence ("Jim Clyburn, a Democratic congressman from South Carolina.")."""
    norms = doc.norms
    begin = source[1] + 2
    if begin > s_last or norms[source[1] + 1] != "," or norms[begin] in _NOT_APPOSITION or norms[begin].endswith("ing"):
        return source
    description = span_until_boundary(doc, begin, s_last, step=1, stop_at={",", ";", "(", ")", "—", "–", ":"},
                                      max_tokens=15)
    if description and all(doc.kinds[i] == "punct" for i in range(description[1] + 1, s_last + 1)):
        return source[0], description[1]
    return source


def _coordinated(doc, source, s_last):
    """A source read rightwards, with a second name joined by "and" ("according to Woodward
    and Costa", "according to the Post and CNN"); not a clause ("according to officials and
    the talks failed" keeps "officials")."""
    norms, texts = doc.norms, doc.texts
    while source and source[1] + 2 <= s_last and norms[source[1] + 1] == "and":
        begin = source[1] + 2
        name = begin + 1 if norms[begin] == "the" and begin < s_last else begin
        following = span_until_boundary(doc, begin, s_last, step=1, max_tokens=5)
        if not following or not texts[name][:1].isupper() or any(
                not texts[i][:1].isupper() for i in range(name, following[1] + 1)):
            break
        source = (source[0], following[1])
    return source


def _left_source(doc, first, s_first):
    """The phrase before a cue; when that phrase is a description set off by a comma, the
    name before it too: "Li Haidong, professor at the Institute, told" -> "Li Haidong,
    professor at the Institute" (but "On October 30, Milley told" -> "Milley")."""
    norms, texts = doc.norms, doc.texts
    end = first - 1
    if end >= s_first and norms[end] == ",":
        end -= 1
        # "Song Zhongping, a Chinese military expert and commentator, told": the description runs
        # back to the comma after the name, whatever words ("and", "of") it holds
        comma = _comma_before(doc, end, max(s_first, end - 15))
        if comma is not None and norms[comma] == "," and is_place(doc.text[doc.starts[comma + 1]:doc.ends[end]]):
            comma = _comma_before(doc, comma - 1, max(s_first, end - 15))  # "..., from Monsey, New York, said"
        if comma is not None and norms[comma] == "," and comma - 1 >= s_first and any(
                texts[i][:1].islower() or doc.kinds[i] == "number" for i in range(comma + 1, end + 1)):
            name = _name_before(doc, comma, s_first)
            if name:
                return name[0], end
    span = span_until_boundary(doc, end, s_first, step=-1, max_tokens=20)
    described = span and any(texts[i][:1].islower() for i in range(span[0], span[1] + 1))
    if described and span[0] - 2 >= s_first and norms[span[0] - 1] == ",":
        name = _name_before(doc, span[0] - 1, s_first)
        if name:
            span = (name[0], span[1])
    return span


def _comma_before(doc, end, limit):
    """The nearest boundary word or sentence end before token ``end``, back to ``limit``, or None."""
    norms = doc.norms
    return next((i for i in range(end - 1, limit - 1, -1) if (norms[i] in BOUNDARY - {"and", "as"} or norms[i] in (
        ".", "!", "?")) and not _in_number(doc, i)), None)


def _name_before(doc, comma, s_first):
    """The capitalised name that ends just before the comma at ``comma``, or None; an age set off
    by commas may stand between ("Roxana M. Leon, 63, an independent voter, said")."""
    texts = doc.texts
    if comma - 3 >= s_first and doc.kinds[comma - 1] == "number" and texts[comma - 2] == "," and len(
            texts[comma - 1]) <= 3:
        comma -= 2
    name = span_until_boundary(doc, comma - 1, s_first, step=-1, max_tokens=5) if comma - 1 >= s_first else None
    if name and all(texts[i][:1].isupper() or _initial(doc, i) for i in range(name[0], name[1] + 1)):
        return name
    return None


def set_span(row, name, doc, span):
    text = doc.text
    if span is None or span[0] > span[1]:
        return
    start, end = doc.starts[span[0]], doc.ends[span[1]]
    while end > start and text[end - 1] in ".,;:":
        end -= 1
    if end > start:  # a span of punctuation only is no span
        row[name], row[f"{name}_start"], row[f"{name}_end"] = text[start:end], int(start), int(end)


def span_until_boundary(doc, begin, limit, step, stop_at=BOUNDARY, max_tokens=12):
    """Tokens from ``begin`` towards ``limit`` until a boundary word; trailing fillers dropped."""
    norms = doc.norms
    picked = []
    i = begin
    while (i >= limit if step < 0 else i <= limit) and len(picked) < max_tokens:
        tag = _party_tag(doc, i, step)
        if tag:  # "Sen. Elizabeth Warren (D-Mass.)" is one name
            picked += tag
            i = tag[-1] + step
            continue
        if (norms[i] in stop_at or norms[i] in (".", "!", "?")) and not _initial(doc, i) and not _in_number(doc, i):
            break
        picked.append(i)
        i += step
    if step < 0:
        picked.reverse()
        while picked and norms[picked[-1]] in TRAILING_FILLERS:
            picked.pop()
    else:
        while picked and norms[picked[0]] in TRAILING_FILLERS:
            picked.pop(0)
    return (picked[0], picked[-1]) if picked else None


_PARTY_TAG = re.compile(r"[DRI]-[A-Z][A-Za-z.]*")


def _party_tag(doc, i, step):
    """The tokens of a party-and-state tag read from token ``i`` in direction ``step``
    ("(D-Mass.)", "R-Pa.,"), or []."""
    texts = doc.texts
    if texts[i] not in ("(", ")", ",", ".") and "-" not in texts[i]:
        return []
    tag = [j for j in range(i, i + 6 * step, step) if 0 <= j < len(texts)]
    words = [j for j in tag if _PARTY_TAG.fullmatch(texts[j])]
    if not words:
        return []
    word = words[0]
    pieces = [j for j in range(min(i, word), max(i, word) + 1)] if step > 0 else list(range(i, word - 1, -1))
    # "(D-R.I.)" is read "(", "D-R", ".", "I", ".", ")": a state's initials go with the tag
    if any(texts[j] not in ("(", ")", ".", ",") and not (len(texts[j]) == 1 and texts[j].isupper()) and j != word
           for j in pieces):
        return []
    # the full stop of the abbreviation and a closing bracket go with it
    end = word
    while 0 <= end + step < len(texts) and texts[end + step] in ((".", ")", ",") if step > 0 else (".", "(", ",")):
        end += step
    return list(range(i, end + step, step))


def _in_number(doc, i):
    """Whether token ``i`` is a hyphen joining two numbers ("the 2-1 decision"), not a dash."""
    return (doc.texts[i] == "-" and 0 < i < len(doc.texts) - 1 and doc.kinds[i - 1] == doc.kinds[i + 1] == "number"
            and doc.starts[i] == doc.ends[i - 1] and doc.ends[i] == doc.starts[i + 1])


def _initial(doc, i):
    """Whether token ``i`` is the full stop of an initial ("John E. Hyten")."""
    return (doc.texts[i] == "." and i > 0 and len(doc.texts[i - 1]) == 1 and doc.texts[i - 1].isupper()
            and doc.starts[i] == doc.ends[i - 1])


def _quote_ending_before(text, quotes, cue_start, sentence_start, window=60):
    """The quotation that a cue closes ('"...," Milley said', '"...," Mr. Trump said'): it ends
    shortly before the cue, inside the cue's sentence (which starts at ``sentence_start``), with a
    comma, question or exclamation mark or dash (a full stop inside it means the sentence ended
    there), and not joined to the cue by "and" or "but"."""
    # quotations never overlap, so their ends are in order: look only at those ending in the window
    first = bisect.bisect_left(quotes, cue_start - window, key=lambda span: span[1])
    last = bisect.bisect_right(quotes, cue_start, key=lambda span: span[1])
    for start, end in quotes[first:last]:
        gap = text[end:cue_start]
        if end > sentence_start and "\n" not in gap and not _QUOTE_MARK.search(gap) and not _JOINED.match(gap):
            inner = text[start:end].rstrip("”\"»’' ")
            if inner.endswith(".") or not (inner.endswith((",", "?", "!", "—", "–", "-", "…"))
                                           or gap.lstrip().startswith((",", "—", "–"))):
                continue  # a full stop ends the sentence; '"secret" phone calls' is no '"...," X said'
            return start, end
    return None


# '"What a night!" and said that ...': a second verb joined to the one the quotation belongs to
_JOINED = re.compile(r"[\s,]*(?:and|but|then|or|while)\b", re.IGNORECASE)
_ONLY_PUNCTUATION = re.compile(r"[\s,:]*")
_FEW_WORDS_COLON = re.compile(r"[\s,]*(?:[\w'’.]+[\s,]*){0,6}:\s*")
_QUOTE_MARK = re.compile(r"[“\"]")


def _quote_starting_after(text, quotes, cue_end):
    """The first quotation after the cue, if only spaces and commas, or a colon after at most
    six words, stand between them. (A later quotation cannot qualify: the first one's marks
    would stand in between.) ``quotes`` are in text order."""
    index = bisect.bisect_left(quotes, (cue_end, -1))
    if index == len(quotes):
        return None
    start, end = quotes[index]
    gap = text[cue_end:start]
    if _ONLY_PUNCTUATION.fullmatch(gap) or (gap.rstrip().endswith(":") and _FEW_WORDS_COLON.fullmatch(gap)):
        return start, end
    return None
