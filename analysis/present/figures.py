"""Figures: one function per figure, each returning ``(figure, data)``.

``data`` is exactly what the figure plots; ``save_figure`` writes both, as PNG
(and SVG) beside a CSV, so every chart can be checked against its numbers.
``make_figures`` writes every figure of a story into ``figures/<story>/``.
Output is deterministic: the same corpus gives byte-identical files.
"""

import inspect
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from analysis.measures.compare import clustering, distinctive_words, fact_coverage, similarity
from analysis.stories.corpus import load_actors, load_corpus
from analysis.measures.features import SOURCE_TYPES, STANCES, article_features, loaded_categories, slug
from analysis.paths import FIGURES_DIR
from analysis.present.style import HATCHES, NEUTRAL_GREY, article_colours, article_labels, use_style
from analysis.measures.structure import structure_table


def article_structure(corpus):
    """Length and structure of each article: words by kind of text, sentences, sentence length.

    Returns:
        ``(figure, data)`` with ``data`` the rows of ``structure_table`` it plots.

    Caveat: one article per outlet describes that article, not the outlet's coverage.
    """
    use_style()
    data = structure_table(corpus)
    colours = article_colours(data["article_id"])
    y = np.arange(len(data))[::-1]
    fig, axes = plt.subplots(1, 3, figsize=(13, 1.0 + 0.75 * len(data)), sharey=True,
                             gridspec_kw={"width_ratios": [2.2, 1, 1]})
    words, sents, length = axes
    left = np.zeros(len(data))
    parts = [("own_words", "running text (with the quotes inside it)", HATCHES[0], 1.0),
             ("embedded_words", "embedded posts and quoted statements", HATCHES[1], 0.55),
             ("removed_words", "page furniture, removed", "", 0.0)]
    for column, _, hatch, alpha in parts:
        values = data[column].to_numpy()
        for i, (value, article_id) in enumerate(zip(values, data["article_id"])):
            colour = colours[article_id] if alpha else NEUTRAL_GREY
            words.barh(y[i], value, left=left[i], color=colour, alpha=alpha or 0.6, hatch=hatch,
                       edgecolor="#333333", linewidth=0.6)
        left += values
    words.set_yticks(y, data["label"])
    words.set_xlabel("words")
    words.set_title("Words, by kind of text")
    fig.legend(handles=[Patch(facecolor="white", edgecolor="#333333", hatch=h, label=label)
                          for _, label, h, _ in parts[:2]]
                 + [Patch(facecolor=NEUTRAL_GREY, alpha=0.6, edgecolor="#333333", label=parts[2][1])],
               loc="lower left", ncol=3, fontsize=11, bbox_to_anchor=(0.01, 0.0))
    for axis, column, title, unit in ((sents, "sentences", "Sentences", "sentences in the body"),
                                      (length, "words_per_sentence", "Sentence length", "words per sentence (mean)")):
        axis.barh(y, data[column], color=[colours[a] for a in data["article_id"]], edgecolor="#333333",
                  linewidth=0.6)
        for yi, value in zip(y, data[column]):
            axis.text(value, yi, f" {value:g}", va="center", fontsize=10)
        axis.set_title(title)
        axis.set_xlabel(unit)
        axis.set_xlim(0, data[column].max() * 1.25)
    fig.suptitle("How long are the articles, and how much of each is the outlet's own text?",
                 x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return fig, data


def _story_location(corpus):
    """``(story, corpus_dir)`` of a loaded story, to read its optional files."""
    path = Path(corpus["file"].iloc[0])
    return path.parent.name, path.parent.parent


def distinctive_words_chart(corpus, top=8):
    """Each article's most distinctive words and phrases against the other articles.

    Returns:
        ``(figure, data)`` with ``data`` the rows of ``compare.distinctive_words`` plotted.

    Caveat: one article per outlet; the words describe that article, not the outlet.
    """
    use_style()
    data = distinctive_words(corpus, top=top)
    labels, colours = article_labels(corpus), article_colours(corpus["article_id"])
    ids = list(corpus["article_id"])
    columns = min(len(ids), 3)
    rows = -(-len(ids) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 0.45 * top * rows + 1.6), squeeze=False)
    z_max = max(float(data["z"].max()) if len(data) else 1.0, 1.0)
    for axis, article_id in zip(axes.flat, ids):
        mine = data[data["article_id"] == article_id].iloc[::-1]
        y = np.arange(len(mine))
        axis.barh(y, mine["z"], color=colours[article_id], edgecolor="#333333", linewidth=0.6)
        axis.set_yticks(y, mine["term"])
        for yi, (z, count, others) in enumerate(zip(mine["z"], mine["count"], mine["count_others"])):
            axis.text(z, yi, f" {count} vs {others}", va="center", fontsize=10)
        axis.set_xlim(0, z_max * 1.45)
        axis.set_title(labels[article_id], loc="left")
        axis.set_xlabel("z-score (log-odds vs the other articles)")
        if mine.empty:
            axis.text(0.5, 0.5, "no word used twice\nmore than elsewhere", transform=axis.transAxes,
                      ha="center", va="center", color="#555555")
    for axis in list(axes.flat)[len(ids):]:
        axis.set_visible(False)
    fig.suptitle("Words each article uses more than the others (count in the article vs in all the others)",
                 x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.text(0.01, 0.005, "Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008); terms used at "
             "least twice. One article per outlet: these describe articles, not outlets. |z| < 2 is weak evidence.",
             fontsize=10, color="#444444")
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
    return fig, data


def similarity_heatmap(corpus):
    """How alike the articles' vocabularies are (TF-IDF cosine), similar articles side by side.

    Returns:
        ``(figure, data)`` with ``data`` one row per ordered pair: ``article_a``,
        ``article_b``, ``cosine``, in the plotted (clustering) order.
    """
    from scipy.cluster.hierarchy import dendrogram

    use_style()
    matrix, order = similarity(corpus)
    labels = article_labels(corpus)
    size = 1.6 + 1.1 * len(order)
    fig, (tree, axis) = plt.subplots(1, 2, figsize=(size + 5.0, size), gridspec_kw={"width_ratios": [1.2, size]})
    if len(order) >= 3:
        dendrogram(clustering(matrix), orientation="left", ax=tree, no_labels=True, color_threshold=0,
                   above_threshold_color="#444444")
        tree.invert_yaxis()  # leaves top to bottom, in the heatmap's row order
        tree.set_xlabel("1 - cosine")
        tree.set_title("clustering", loc="left", fontsize=11)
    tree.set_yticks([])
    tree.grid(False)
    for side in ("top", "right", "left"):
        tree.spines[side].set_visible(False)
    matrix = matrix.loc[order, order]
    values = matrix.to_numpy()
    off_diagonal = values[~np.eye(len(order), dtype=bool)]
    shown = np.where(np.eye(len(order), dtype=bool), np.nan, values)
    colour_map = plt.get_cmap("Blues").with_extremes(bad="#f2f2f2")
    image = axis.imshow(shown, cmap=colour_map, vmin=0,
                        vmax=max(float(off_diagonal.max()) if off_diagonal.size else 1, 0.05))
    for i in range(len(order)):
        for j in range(len(order)):
            text = "—" if i == j else f"{values[i, j]:.2f}"
            dark = i != j and values[i, j] > 0.8 * image.get_clim()[1]
            axis.text(j, i, text, ha="center", va="center", fontsize=12, color="white" if dark else "#222222")
    names = [labels[a] for a in order]
    axis.set_xticks(range(len(order)), names, rotation=30, ha="right")
    axis.set_yticks(range(len(order)), names)
    axis.grid(False)
    fig.colorbar(image, ax=axis, shrink=0.8, label="cosine similarity of word use (0 = no shared words)")
    axis.set_title("How alike is the vocabulary of each pair of articles?", loc="left")
    fig.tight_layout()
    data = matrix.rename_axis("article_a").reset_index().melt(id_vars="article_a", var_name="article_b",
                                                            value_name="cosine")
    return fig, data


def fact_coverage_chart(corpus):
    """Which facts each article carries, and where: a fact-by-article matrix.

    Each dot marks the first sentence carrying the fact; its label is how far into the
    article it comes (0% = the opening). Facts come from the story's ``facts.yml``, or
    from automatic sentence alignment when there is none (the title says which).

    Returns:
        ``(figure, data)`` with ``data`` the coverage table (``compare.COVERAGE_COLUMNS``
        plus ``method``).
    """
    use_style()
    story, corpus_dir = _story_location(corpus)
    data, method = fact_coverage(corpus, story, corpus_dir)
    labels, colours = article_labels(corpus), article_colours(corpus["article_id"])
    ids = list(corpus["article_id"])
    facts = list(dict.fromkeys(data["fact_id"]))
    carried = data.groupby("fact_id", sort=False)["carried"].sum()
    facts.sort(key=lambda f: -carried[f])
    names = {f: n for f, n in zip(data["fact_id"], data["fact"])}
    height = 3.2 + 0.62 * max(len(facts), 1)
    fig, axis = plt.subplots(figsize=(5 + 1.7 * len(ids), height))
    for row, fact_id in enumerate(facts):
        for column, article_id in enumerate(ids):
            hit = data[(data["fact_id"] == fact_id) & (data["article_id"] == article_id)].iloc[0]
            if hit["carried"]:
                axis.scatter(column, row, s=260, color=colours[article_id], edgecolor="#333333", zorder=3)
                axis.text(column + 0.2, row, f"{hit['position']:.0%}", va="center", fontsize=10)
            else:
                axis.scatter(column, row, s=40, marker="x", color=NEUTRAL_GREY, zorder=3)
    if not facts:
        axis.text(0.5, 0.5, "No sentence of one article is close enough to a sentence of another.\n"
                  "List the story's facts in facts.yml to compare what each article carries.",
                  transform=axis.transAxes, ha="center", va="center", fontsize=12, color="#444444")
    wrapped = [textwrap.fill(textwrap.shorten(names[f], 100, placeholder="..."), 50) for f in facts]
    axis.set_yticks(range(len(facts)), wrapped)
    axis.set_xticks(range(len(ids)), [labels[a] for a in ids], rotation=20, ha="right")
    axis.set_xlim(-0.5, len(ids) - 0.2)
    axis.set_ylim(max(len(facts), 1) - 0.5, -0.5)
    axis.grid(True, axis="both")
    source = "curated facts (facts.yml)" if method == "curated" else "sentences aligned automatically"
    fig.suptitle("Which facts does each article carry, and how early?", x=0.01, y=1 - 0.15 / height, ha="left",
                 va="top", fontsize=15, fontweight="bold")
    explanation = (f"dot = carried; % = how far into the article its first mention comes (0% = the opening); "
                   f"x = left out. Facts: {source}.")
    fig.text(0.01, 1 - 0.5 / height, textwrap.fill(explanation, int(fig.get_figwidth() * 10)), fontsize=11,
             color="#444444", va="top")
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.8 / height))
    return fig, data.assign(method=method)


def _features(corpus, features):
    """``features`` if given, else ``article_features`` with the story's own actors.yml."""
    return article_features(corpus, corpus_dir=_story_location(corpus)[1]) if features is None else features


def _heatmap_table(axis, values, row_labels, column_labels, colour_map, vmin, vmax, formats):
    """Draw a table of numbers as coloured cells, each cell also written out (colour is never
    the only signal); NaN cells are left grey and marked with a dash."""
    shown = np.ma.masked_invalid(values.astype(float))
    image = axis.imshow(shown, cmap=plt.get_cmap(colour_map).with_extremes(bad="#f2f2f2"), vmin=vmin, vmax=vmax,
                        aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            value = values[i, j]
            if np.isnan(value):
                axis.text(j, i, "–", ha="center", va="center", color="#777777")
                continue
            strength = abs(value - (vmin + vmax) / 2) / ((vmax - vmin) / 2) if colour_map == "RdBu" else \
                (value - vmin) / ((vmax - vmin) or 1)
            axis.text(j, i, formats(i, j, value), ha="center", va="center", fontsize=11,
                      color="white" if strength > 0.65 else "#222222")
    axis.set_xticks(range(len(column_labels)), column_labels, rotation=25, ha="right")
    axis.set_yticks(range(len(row_labels)), row_labels)
    axis.grid(False)
    return image


def loaded_language_chart(corpus, features=None):
    """Loaded words per 1,000 words, by category, in the outlet's own voice and in quotations.

    Returns:
        ``(figure, data)`` with ``data`` one row per article, category and voice:
        ``article_id``, ``category``, ``voice`` (own or quoted), ``per_1000``.
    """
    use_style()
    features = _features(corpus, features)
    labels, colours = article_labels(corpus), article_colours(corpus["article_id"])
    categories = loaded_categories()
    rows = [{"article_id": row["article_id"], "category": category, "voice": voice,
             "per_1000": float(row[f"loaded_{category}_{voice}_per_1000"])}
            for _, row in features.iterrows() for category in categories for voice in ("own", "quoted")]
    data = pd.DataFrame(rows)
    columns = 4
    panels = -(-len(categories) // columns)
    fig, axes = plt.subplots(panels, columns, figsize=(16, 0.5 + (0.55 * len(corpus) + 1.3) * panels),
                             sharex=True, squeeze=False)
    ids = list(corpus["article_id"])
    y = np.arange(len(ids))[::-1]
    x_max = max(data.groupby(["article_id", "category"])["per_1000"].sum().max(), 1.0)
    for axis, category in zip(axes.flat, categories):
        mine = data[data["category"] == category].pivot(index="article_id", columns="voice", values="per_1000")
        mine = mine.reindex(ids)
        axis.barh(y, mine["own"], color=[colours[a] for a in ids], edgecolor="#333333", linewidth=0.6)
        axis.barh(y, mine["quoted"], left=mine["own"], color="white", hatch="//", edgecolor=[colours[a] for a in ids],
                  linewidth=0.8)
        for yi, own, quoted in zip(y, mine["own"], mine["quoted"]):
            if own + quoted:
                axis.text(own + quoted, yi, f" {own + quoted:.1f}", va="center", fontsize=9)
        axis.set_yticks(y, [labels[a] for a in ids] if axis in axes[:, 0] else [""] * len(ids))
        axis.set_title(category.replace("_", " "), loc="left", fontsize=12)
        axis.set_xlim(0, x_max * 1.3)
    for axis in axes[-1]:
        axis.set_xlabel("per 1,000 words")
    for axis in list(axes.flat)[len(categories):]:
        axis.set_visible(False)
    fig.legend(handles=[Patch(facecolor="#888888", edgecolor="#333333", label="the outlet's own words"),
                        Patch(facecolor="white", edgecolor="#333333", hatch="//", label="inside quotations")],
               loc="lower right", bbox_to_anchor=(0.98, 0.08), fontsize=11)
    fig.suptitle("Loaded words per 1,000 words, by kind: in the outlet's own voice, and in the voices it quotes",
                 x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return fig, data


def sentiment_arc(corpus):
    """The tone of each sentence through each article (VADER compound, -1 to +1).

    Returns:
        ``(figure, data)`` with ``data`` one row per sentence: ``article_id``,
        ``sentence_id``, ``position`` (0 = opening, 1 = end), ``compound`` and
        ``rolling`` (mean of five sentences centred on this one).
    """
    from analysis.detectors.sentiment import sentiment

    use_style()
    labels, colours = article_labels(corpus), article_colours(corpus["article_id"])
    frames = []
    for article_id, body in zip(corpus["article_id"], corpus["body"]):
        table = sentiment(body)
        frames.append(pd.DataFrame({
            "article_id": article_id, "sentence_id": table["sentence_id"],
            "position": (table["start"] / max(len(body), 1)).round(3), "compound": table["compound"].round(4),
            "rolling": table["compound"].rolling(5, center=True, min_periods=1).mean().round(4)}))
    data = pd.concat(frames, ignore_index=True)
    ids = list(corpus["article_id"])
    fig, axes = plt.subplots(len(ids), 1, figsize=(12, 1.1 + 1.5 * len(ids)), sharex=True, squeeze=False)
    for axis, article_id in zip(axes[:, 0], ids):
        mine = data[data["article_id"] == article_id]
        axis.axhline(0, color="#999999", linewidth=0.8)
        axis.vlines(mine["position"], 0, mine["compound"], color=colours[article_id], linewidth=2.2, alpha=0.8)
        axis.plot(mine["position"], mine["rolling"], color="#222222", linewidth=1.4)
        axis.set_ylim(-1.05, 1.05)
        axis.set_yticks([-1, 0, 1])
        axis.set_title(labels[article_id], loc="left", fontsize=12)
        axis.grid(True, axis="y")
    axes[-1, 0].set_xlabel("position in the article (0% = opening, 100% = end)")
    axes[-1, 0].xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    fig.suptitle("The tone of each sentence, from the opening to the end (VADER, -1 negative to +1 positive)",
                 x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.text(0.01, 0.005, "Each stick is one sentence; the black line is the mean of five neighbouring sentences. "
             "VADER was built for social media; on news it is a rough guide.", fontsize=10, color="#444444")
    fig.tight_layout(rect=(0, 0.03, 1, 0.97))
    return fig, data


def sentiment_toward_chart(corpus, features=None):
    """Sentiment toward each actor of the story, article by article (mean over mentions).

    Returns:
        ``(figure, data)`` with ``data`` one row per actor and article: ``actor``,
        ``article_id``, ``score`` (-1 to 1, empty without mentions), ``mentions``.
    """
    use_style()
    features = _features(corpus, features)
    labels = article_labels(corpus)
    story, corpus_dir = _story_location(corpus)
    actors = list(load_actors(story, corpus_dir))
    ids = list(features["article_id"])
    data = pd.DataFrame([{"actor": actor, "article_id": row["article_id"],
                          "score": row.get(f"toward_{slug(actor)}", np.nan),
                          "mentions": int(row.get(f"mentions_{slug(actor)}", 0))}
                         for actor in actors for _, row in features.iterrows()],
                        columns=["actor", "article_id", "score", "mentions"])
    fig, axis = plt.subplots(figsize=(max(4 + 1.7 * len(ids), 10), 1.8 + 0.55 * max(len(actors), 1)))
    if actors:
        scores = data.pivot(index="actor", columns="article_id", values="score").reindex(index=actors, columns=ids)
        mentions = data.pivot(index="actor", columns="article_id", values="mentions").reindex(index=actors, columns=ids)
        image = _heatmap_table(axis, scores.to_numpy(), actors, [labels[a] for a in ids], "RdBu", -1, 1,
                               lambda i, j, v: f"{v:+.2f}\n({mentions.iat[i, j]}×)")
        fig.colorbar(image, ax=axis, shrink=0.8, label="negative ← → positive")
    else:
        axis.text(0.5, 0.5, "This story has no actors.yml: list its actors to measure sentiment toward them.",
                  transform=axis.transAxes, ha="center", va="center", color="#444444")
        axis.set_axis_off()
    fig.suptitle("Sentiment toward each actor (mean over mentions; number of mentions in brackets)",
                 x=0.01, ha="left", fontsize=14, fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.45 / fig.get_figheight()))
    return fig, data


def attribution_chart(corpus, features=None):
    """Who speaks in each article: attributions by the stance of the reporting verb and by
    the type of source, with the share of quoted words and of anonymous sources.

    Returns:
        ``(figure, data)`` with ``data`` one row per article, kind (``stance`` or
        ``source_type``) and category: ``count``.
    """
    use_style()
    features = _features(corpus, features)
    labels = article_labels(corpus)
    ids = list(features["article_id"])
    groups = {"stance": [s for s in STANCES], "source_type": [t for t in SOURCE_TYPES]}
    rows = []
    for _, row in features.iterrows():
        for stance in groups["stance"]:
            rows.append({"article_id": row["article_id"], "kind": "stance", "category": stance,
                         "count": int(row[f"attributions_{stance}"])})
        for source_type in groups["source_type"]:
            rows.append({"article_id": row["article_id"], "kind": "source_type", "category": source_type,
                         "count": int(row[f"sources_{slug(source_type)}"])})
    data = pd.DataFrame(rows)
    fig, axes = plt.subplots(1, 2, figsize=(17, 2.2 + 0.55 * len(ids)),
                             gridspec_kw={"width_ratios": [len(groups["stance"]), len(groups["source_type"])]})
    for axis, (kind, categories) in zip(axes, groups.items()):
        counts = data[data["kind"] == kind].pivot(index="article_id", columns="category", values="count")
        counts = counts.reindex(index=ids, columns=categories).to_numpy().astype(float)
        _heatmap_table(axis, counts, [labels[a] for a in ids] if kind == "stance" else [""] * len(ids),
                       [c.replace("_", " ") for c in categories], "Purples", 0, max(counts.max(), 1),
                       lambda i, j, v: f"{v:.0f}")
        axis.set_title("by the stance of the reporting verb" if kind == "stance" else "by the type of source",
                       loc="left", fontsize=12)
    quoted = ", ".join(f"{labels[a]} {s:.0%}" for a, s in zip(ids, features["quoted_word_share"]))
    fig.suptitle("Who speaks, and how the article introduces them (number of attributions)", x=0.01, ha="left",
                 fontsize=15, fontweight="bold")
    fig.text(0.01, 0.01, textwrap.fill(f"Share of words in quotation: {quoted}.", 190), fontsize=10,
             color="#444444")
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))
    return fig, data


KEY_MEASURES = [
    ("loaded_own_per_1000", "loaded words in its own voice", "per 1,000 words"),
    ("loaded_quoted_per_1000", "loaded words in quotations", "per 1,000 words"),
    ("hedges_per_1000", "hedges (\"reportedly\", \"may\")", "per 1,000 words"),
    ("sentiment_mean", "mean sentence tone", "VADER, -1 to +1"),
    ("quoted_word_share", "words in quotation", "share of the article"),
    ("anonymous_share", "attributions to anonymous sources", "share of attributions"),
    ("distinct_sources", "different sources", "number"),
    ("scare_quotes", "scare quotes", "number"),
]


def blind_letters(article_ids):
    """Letters for blind reading, in an order that does not follow the metadata file (a
    fixed shuffle by a hash of each id, so every run and every notebook agree).

    >>> letters = blind_letters(["wsws", "global-times", "newsweek", "blog", "conservative-site"])
    >>> [letters[a] for a in ["wsws", "global-times", "newsweek", "blog", "conservative-site"]]
    ['Article B', 'Article C', 'Article D', 'Article E', 'Article A']
    """
    import hashlib

    order = sorted(article_ids, key=lambda a: hashlib.sha256(a.encode("utf-8")).hexdigest())
    return {article_id: f"Article {chr(ord('A') + i)}" for i, article_id in enumerate(order)}


def key_measures(corpus, features=None, blind=False):
    """Small multiples of the key measures of every lesson, one panel per measure.

    With ``blind``, outlets are replaced by letters (``blind_letters``) and every bar is
    the same grey, so that nothing but the numbers tells the articles apart.

    Returns:
        ``(figure, data)`` with ``data`` one row per article and measure: ``article``
        (name or letter), ``measure``, ``value``.
    """
    use_style()
    features = _features(corpus, features)
    names = blind_letters(features["article_id"]) if blind else article_labels(corpus)
    colours = ({a: NEUTRAL_GREY for a in features["article_id"]} if blind
               else article_colours(corpus["article_id"]))
    ids = sorted(features["article_id"], key=names.get) if blind else list(features["article_id"])
    data = pd.DataFrame([{"article": names[row["article_id"]], "measure": column, "value": round(float(row[column]), 4)}
                         for column, _, _ in KEY_MEASURES for _, row in features.set_index("article_id").loc[ids]
                         .reset_index().iterrows()])
    columns = 4
    rows = -(-len(KEY_MEASURES) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(17, 0.6 + (0.5 * len(ids) + 1.4) * rows), squeeze=False)
    y = np.arange(len(ids))[::-1]
    for axis, (column, title, unit) in zip(axes.flat, KEY_MEASURES):
        values = data[data["measure"] == column]["value"].to_numpy()
        axis.barh(y, values, color=[colours[a] for a in ids], edgecolor="#333333", linewidth=0.6)
        axis.axvline(0, color="#666666", linewidth=0.8)
        for yi, value in zip(y, values):
            text = ("0" if value == 0 else f"{value:.0%}" if "share" in unit else f"{value:.0f}" if unit == "number"
                    else f"{value:.2f}" if abs(value) < 1 else f"{value:.1f}")
            axis.text(value, yi, f" {text} ", va="center", ha="left" if value >= 0 else "right", fontsize=10)
        low, high = min(values.min(), 0), max(values.max(), 0)
        span = (high - low) or 1
        axis.set_xlim(low - 0.35 * span * (low < 0), high + 0.35 * span)
        axis.set_yticks(y, [names[a] for a in ids] if axis in axes[:, 0] else [""] * len(ids))
        axis.set_title(title, loc="left", fontsize=12)
        axis.set_xlabel(unit)
    for axis in list(axes.flat)[len(KEY_MEASURES):]:
        axis.set_visible(False)
    fig.suptitle("The articles side by side" + (" — blind: which outlet is which?" if blind else ""),
                 x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.96))
    return fig, data


def key_measures_blind(corpus, features=None):
    """``key_measures`` with letters instead of outlet names."""
    return key_measures(corpus, features, blind=True)


def outlet_comparison_chart(comparison, measures=None, outlets=12):
    """Per-outlet means with their bootstrap intervals (the output of ``compare_outlets``),
    one panel per measure, the outlets with the most articles first.

    Args:
        comparison: the table from ``compare_outlets``.
        measures: features to draw (default: the key measures that are in the table).
        outlets: how many outlets (those with the most articles), or a list of names.

    Returns:
        ``(figure, data)``: ``data`` the rows of ``comparison`` drawn.
    """
    use_style()
    measures = measures or [m for m, _, _ in KEY_MEASURES if m in set(comparison["feature"])]
    titles = {m: (title, unit) for m, title, unit in KEY_MEASURES}
    if isinstance(outlets, int):
        sizes = comparison.groupby("outlet")["articles"].max().sort_values(ascending=False, kind="stable")
        outlets = list(sizes.index[:outlets])
    data = comparison[comparison["feature"].isin(measures) & comparison["outlet"].isin(outlets)]
    columns = min(4, len(measures))
    rows = -(-len(measures) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.3 * columns, 0.6 + (0.32 * len(outlets) + 1.3) * rows),
                             squeeze=False)
    y = np.arange(len(outlets))[::-1]
    for axis, measure in zip(axes.flat, measures):
        part = data[data["feature"] == measure].set_index("outlet").reindex(outlets)
        axis.hlines(y, part["low"], part["high"], color="#333333", linewidth=1.6)
        axis.plot(part["mean"], y, "o", color="#0072B2", markersize=6, markeredgecolor="#000000")
        axis.set_yticks(y, [f"{o} (n={int(n) if pd.notna(n) else 0})" for o, n in zip(outlets, part["articles"])]
                        if axis in axes[:, 0] else [""] * len(outlets))
        title, unit = titles.get(measure, (measure.replace("_", " "), ""))
        axis.set_title(title, loc="left", fontsize=12)
        axis.set_xlabel(unit)
    for axis in list(axes.flat)[len(measures):]:
        axis.set_visible(False)
    fig.suptitle("Outlets compared: mean per article, with 95% bootstrap intervals", x=0.01, ha="left",
                 fontsize=14, fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return fig, data.reset_index(drop=True)


FIGURES = {"article_structure": article_structure, "loaded_language": loaded_language_chart,
           "sentiment_arc": sentiment_arc, "sentiment_toward_actors": sentiment_toward_chart,
           "who_speaks": attribution_chart, "distinctive_words": distinctive_words_chart,
           "article_similarity": similarity_heatmap, "fact_coverage": fact_coverage_chart,
           "key_measures": key_measures, "key_measures_blind": key_measures_blind}


def save_figure(fig, data, name, out_dir, svg=True):
    """Write ``name.png`` (and ``name.svg``) beside ``name.csv``; returns the paths.

    Files are written to a temporary name first and then renamed, so an error
    never leaves a half-written figure behind. Metadata that would change from
    run to run (software version, dates) is left out.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    targets = [(out_dir / f"{name}.csv", lambda tmp: data.to_csv(tmp, index=False, lineterminator="\n"))]
    targets.append((out_dir / f"{name}.png",
                    lambda tmp: fig.savefig(tmp, format="png", metadata={"Software": None})))
    if svg:
        targets.append((out_dir / f"{name}.svg",
                        lambda tmp: fig.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None})))
    written = []
    for path, write in targets:
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            write(tmp)
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
        written.append(path)
    return written


def draw(function, corpus, features):
    """Call a figure function of ``FIGURES``, passing ``features`` to those that take them."""
    if "features" in inspect.signature(function).parameters:
        return function(corpus, features=features)
    return function(corpus)


def make_figures(story, corpus_dir=None, out_dir=None):
    """Draw every figure for a story and save it into ``figures/<story>/``, with the story
    report (``report.html``, see ``analysis.report``); returns the paths."""
    from analysis.present.report import write_report

    corpus = load_corpus(story, corpus_dir=corpus_dir)
    out_dir = (FIGURES_DIR / story) if out_dir is None else out_dir
    features = article_features(corpus, corpus_dir=corpus_dir)
    written = []
    for name, function in FIGURES.items():
        fig, data = draw(function, corpus, features)
        written += save_figure(fig, data, name, out_dir)
        plt.close(fig)
    written.append(write_report(story, out_dir / "report.html", corpus_dir, features))
    return written
