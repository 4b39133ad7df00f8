"""One row per article: how long it is and how it is built.

>>> from analysis.stories.story import load_story
>>> table = structure_table(load_story("milley-china-calls"))
>>> bool((table["own_words"] + table["embedded_words"] == table["words"]).all())
True
"""

import pandas as pd

from analysis.annotation import annotate_story
from analysis.stories.story import article_label
from analysis.text.parse import count_words

STRUCTURE_COLUMNS = [
    "article_id", "label", "outlet", "outlet_type", "byline", "date", "words", "own_words", "embedded_words",
    "set_aside_words", "removed_words", "sentences", "paragraphs", "words_per_sentence",
    "embedded_posts",
]


def structure_table(story):
    """Length and structure of each article.

    Columns: ``article_id``, ``label`` (outlet name for charts), ``outlet``,
    ``outlet_type``, ``byline``, ``date``; ``words`` in the body (words, numbers, abbreviations,
    handles and links; punctuation and split-off clitics such as "'s" do not count),
    split into ``own_words`` (the outlet's running text) and ``embedded_words``
    (embedded posts and quoted statements); ``set_aside_words`` (headline, byline,
    datelines, post author lines) and ``removed_words`` (page furniture);
    ``sentences`` and ``paragraphs`` of the body; ``words_per_sentence`` (mean);
    ``embedded_posts`` (number of embedded tweets).

    Caveat: length says nothing about quality; a long article may be mostly quotes.
    """
    rows = []
    annotations = annotate_story(story)
    for article in story.articles.itertuples(index=False):
        doc = annotations[article.article_id].doc
        by_action = {"kept": 0, "set aside": 0, "removed": 0}
        embedded, posts = 0, set()
        for block in article.blocks:
            words = count_words(block["text"])
            by_action[block["action"]] += words
            if block["kind"] in ("embedded_post", "quotation"):
                embedded += words
            if block["kind"] == "post_attribution":
                posts.add(block["post_id"])
        words = doc.words
        n_sentences = len(doc.sentence_starts)
        rows.append({
            "article_id": article.article_id,
            "label": article_label(article.outlet, article.outlet_type),
            "outlet": article.outlet, "outlet_type": article.outlet_type, "byline": article.byline,
            "date": article.date,
            "words": words, "own_words": words - embedded, "embedded_words": embedded,
            "set_aside_words": by_action["set aside"], "removed_words": by_action["removed"],
            "sentences": n_sentences, "paragraphs": len(doc.paragraph_spans),
            "words_per_sentence": round(words / n_sentences, 1) if n_sentences else 0.0,
            "embedded_posts": len(posts),
        })
    return pd.DataFrame(rows, columns=STRUCTURE_COLUMNS)
