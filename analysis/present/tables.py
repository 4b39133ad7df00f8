"""Tables for a class: plain headings, and the count beside every rate and share.

``plain_table(table, columns, labels)`` turns a table of ``article_features`` (or of
``headline_and_lead``) into what a lesson shows: one row per article, named by its label,
each column headed in words, every rate per 1,000 words written with the count it comes
from ("33 (26.7)" under "Loaded words: count (per 1,000 words)"), every share with its
count and total ("7 of 40 (18%)"). A rate alone hides how little it may rest on: 4.0 per
1,000 words is four words in a 1,000-word article. The words in the headings are explained
in ``docs/glossary.md``.

>>> import pandas as pd
>>> table = pd.DataFrame({"article_id": ["a"], "words": [500], "loaded_per_1000": [4.0]})
>>> plain_table(table, ["words", "loaded_per_1000"], {"a": "Outlet A"}).to_dict("records")
[{'Words': 500, 'Loaded words: count (per 1,000 words)': '2 (4.0)'}]
"""

import pandas as pd

# rate column -> what it counts
RATES = {
    "loaded_per_1000": "Loaded words",
    "loaded_own_per_1000": "Loaded words in the outlet's own voice",
    "loaded_quoted_per_1000": "Loaded words in quotations",
    "hedges_per_1000": "Hedges",
    "boosters_per_1000": "Boosters",
    "hedges_boosters_per_1000": "Hedges and boosters",
}
# share column -> (what it counts, the column of the whole, what the whole is counted in)
SHARES = {
    "quoted_word_share": ("Words in quotation", "words", "words"),
    "share_negative": ("Negative sentences", "sentences", "sentences"),
    "share_positive": ("Positive sentences", "sentences", "sentences"),
    "anonymous_share": ("Attributions to anonymous sources", "attributions", "attributions"),
}
HEADINGS = {
    "article": "Article", "words": "Words", "sentences": "Sentences", "attributions": "Attributions",
    "scare_quotes": "Scare quotes", "rhetorical_questions": "Rhetorical questions",
    "calls_to_action": "Calls to action", "loaded_denied": "Denied loaded words",
    "sentiment_mean": "Mean sentence tone (-1 to +1)", "mean_sentiment": "Mean sentence tone (-1 to +1)",
    "most_negative_text": "Most negative sentence", "distinct_sources": "Different sources",
    "first_word": "First word to", "last_word": "Last word to", "part": "Part", "loaded_words": "The loaded words",
    "marks": "Marked by",
}


def plain_table(table, columns, labels):
    """``columns`` of ``table`` (one row per article, with ``article_id``) headed in words, counts
    beside rates and shares, indexed by the article's label (``labels``: ``{article_id: label}``)."""
    shown = {}
    for column in columns:
        if column in RATES:
            counts = (table[column] * table["words"] / 1000).round().astype(int)
            shown[f"{RATES[column]}: count (per 1,000 words)"] = [
                f"{count} ({rate:.1f})" for count, rate in zip(counts, table[column])]
        elif column in SHARES:
            what, whole, unit = SHARES[column]
            counts = (table[column] * table[whole]).round().astype(int)
            shown[f"{what}: count of all {unit} (share)"] = [
                f"{count} of {total} ({share:.0%})" for count, total, share in zip(counts, table[whole], table[column])]
        else:
            values = table[column]
            shown[HEADINGS.get(column, column.replace("_", " ").capitalize())] = (
                values.round(2) if pd.api.types.is_float_dtype(values) else values)
    index = pd.Index(table["article_id"].map(labels), name="Article")
    return pd.DataFrame({heading: list(values) for heading, values in shown.items()}, index=index)
