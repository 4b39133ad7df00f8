"""One row per article: how long it is and how it is built.

>>> import pandas as pd
>>> corpus = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "outlet_type": ["blog"],
...     "date": ["unknown"], "body": ["One short sentence. And another one here."],
...     "raw": ["One short sentence. And another one here."], "blocks": [[]]})
>>> row = structure_table(corpus).iloc[0]
>>> print(row["words"], row["sentences"], row["words_per_sentence"])
7 2 3.5
"""

import pandas as pd

from analysis.text.parse import count_words, paragraphs, sentences
from analysis.present.style import article_label

STRUCTURE_COLUMNS = [
    "article_id", "label", "outlet", "outlet_type", "date", "words", "own_words", "embedded_words",
    "set_aside_words", "removed_words", "sentences", "paragraphs", "words_per_sentence",
    "embedded_posts",
]


def structure_table(corpus):
    """Length and structure of each article.

    Columns: ``article_id``, ``label`` (outlet name for charts), ``outlet``,
    ``outlet_type``, ``date``; ``words`` in the body (words, numbers, abbreviations,
    handles and links; punctuation and split-off clitics such as "'s" do not count),
    split into ``own_words`` (the outlet's running text) and ``embedded_words``
    (embedded posts and quoted statements); ``set_aside_words`` (headline, byline,
    datelines, post author lines) and ``removed_words`` (page furniture);
    ``sentences`` and ``paragraphs`` of the body; ``words_per_sentence`` (mean);
    ``embedded_posts`` (number of embedded tweets).

    Caveat: length says nothing about quality; a long article may be mostly quotes.
    """
    rows = []
    for article in corpus.itertuples(index=False):
        by_action = {"kept": 0, "set aside": 0, "removed": 0}
        embedded, posts = 0, set()
        for block in article.blocks:
            words = count_words(block["text"])
            by_action[block["action"]] += words
            if block["kind"] in ("embedded_post", "quotation"):
                embedded += words
            if block["kind"] == "post_attribution":
                posts.add(block["post_id"])
        words = count_words(article.body)
        n_sentences = len(sentences(article.body))
        rows.append({
            "article_id": article.article_id,
            "label": article_label(article.outlet, article.outlet_type),
            "outlet": article.outlet, "outlet_type": article.outlet_type, "date": article.date,
            "words": words, "own_words": words - embedded, "embedded_words": embedded,
            "set_aside_words": by_action["set aside"], "removed_words": by_action["removed"],
            "sentences": n_sentences, "paragraphs": len(paragraphs(article.body)),
            "words_per_sentence": round(words / n_sentences, 1) if n_sentences else 0.0,
            "embedded_posts": len(posts),
        })
    return pd.DataFrame(rows, columns=STRUCTURE_COLUMNS)
