"""Figures that compare the articles' text: length and structure, distinctive words,
similarity of vocabulary, and which facts each carries.

Each function takes a ``Story`` and returns ``(figure, data)``, ``data`` being exactly
what the figure plots.
"""

import textwrap

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch
from scipy.cluster.hierarchy import dendrogram

from analysis.measures.selection import FACT_SOURCES, fact_coverage
from analysis.measures.structure import structure_table
from analysis.measures.words import clustering, distinctive_words, similarity
from analysis.present.style import HATCHES, NEUTRAL_GREY, article_colours, use_style


def structure_chart(story):
    """Length and structure of each article: words by kind of text, sentences, sentence length.

    Returns:
        ``(figure, data)`` with ``data`` the rows of ``structure_table`` it plots.

    Caveat: one article per outlet describes that article, not the outlet's coverage.
    """
    use_style()
    data = structure_table(story)
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
    for yi, end, row in zip(y, left, data.itertuples()):
        label = f" {row.words:g} words" + (f", {row.embedded_words:g} pasted in" if row.embedded_words else "")
        words.text(end, yi, label + (f"; {row.removed_words:g} removed" if row.removed_words else ""),
                   va="center", fontsize=10)
    words.set_xlim(0, left.max() * 1.45)
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
    fig.suptitle("How long are the articles, and how much is pasted in whole (posts, statements)?",
                 x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return fig, data


STRONG_Z = 2  # a distinctive word's z-score from which chance is an unlikely explanation
WEAK_COLOUR = "#d9d9d9"


def distinctive_words_chart(story, top=8):
    """Each article's most distinctive words and phrases against the other articles.

    Returns:
        ``(figure, data)`` with ``data`` the rows of ``compare.distinctive_words`` plotted.

    Caveat: one article per outlet; the words describe that article, not the outlet.
    """
    use_style()
    data = distinctive_words(story, top=top)
    labels, colours = story.labels, article_colours(story.article_ids)
    ids = story.article_ids
    columns = min(len(ids), 3)
    rows = -(-len(ids) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 0.45 * top * rows + 1.6), squeeze=False)
    z_max = max(float(data["z"].max()) if len(data) else 1.0, 1.0)
    for axis, article_id in zip(axes.flat, ids):
        mine = data[data["article_id"] == article_id].iloc[::-1]
        y = np.arange(len(mine))
        strong = (mine["z"] >= STRONG_Z).to_numpy()
        axis.barh(y, mine["z"], color=np.where(strong, colours[article_id], WEAK_COLOUR), edgecolor="#333333",
                  linewidth=0.6, hatch=[None if ok else "//" for ok in strong])
        axis.axvline(STRONG_Z, color="#333333", linewidth=0.9, linestyle="--")
        axis.set_yticks(y, mine["term"])
        for yi, (z, count, others) in enumerate(zip(mine["z"], mine["count"], mine["count_others"])):
            axis.text(z, yi, f" {count} vs {others}", va="center", fontsize=10,
                      bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3})
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
    fig.text(0.01, 0.005, textwrap.fill(
        "A bar's length (its z-score) says how unlikely chance is as the reason the article uses the word more: "
        f"from {STRONG_Z} on (dashed line) chance is unlikely; grey hatched bars, below {STRONG_Z}, rest on a few "
        "uses and are weak evidence. Words used at least twice. One article per outlet: these describe articles, "
        "not outlets. Method: log-odds with a prior from all the articles (Monroe, Colaresi & Quinn 2008).",
        int(fig.get_figwidth() * 11)), fontsize=10, color="#444444", va="bottom")
    fig.tight_layout(rect=(0, 0.07, 1, 0.97))
    return fig, data


def similarity_chart(story):
    """How alike the articles' vocabularies are (TF-IDF cosine), similar articles side by side.

    Returns:
        ``(figure, data)`` with ``data`` one row per ordered pair: ``article_a``,
        ``article_b``, ``cosine``, in the plotted (clustering) order.
    """
    use_style()
    matrix, order = similarity(story)
    labels, count = story.labels, len(order)
    names = [labels[a] for a in order]
    side = 0.9 * count + 0.6  # inches of the square of cells
    # inches from the left: tree, its leaves' names, the cells, the colour bar and its words
    tree_x, cells_x = 0.25, 0.25 + 1.8 + 2.5
    width, height, bottom = cells_x + side + 2.6, side + 3.0, 2.1
    fig = plt.figure(figsize=(width, height))
    tree = fig.add_axes((tree_x / width, bottom / height, 1.8 / width, side / height))
    axis = fig.add_axes((cells_x / width, bottom / height, side / width, side / height))
    bar = fig.add_axes(((cells_x + side + 0.3) / width, bottom / height, 0.25 / width, side / height))
    if count >= 3:  # leaves named, in the rows' order, right beside the rows
        dendrogram(clustering(matrix), orientation="left", ax=tree, labels=[labels[a] for a in matrix.index],
                   color_threshold=0,
                   above_threshold_color="#444444", leaf_font_size=12)
        tree.set_ylim(10 * count, 0)  # leaf k sits at 10k + 5: row k of the cells, top to bottom
        tree.set_xlabel("distance\n(1 - similarity)", fontsize=10)
        tree.set_title("grouped by likeness", loc="left", fontsize=11)
    else:
        tree.set_yticks([])
    tree.grid(False)
    for edge in ("top", "right", "left"):
        tree.spines[edge].set_visible(False)
    matrix = matrix.loc[order, order]
    values = matrix.to_numpy()
    shown = np.where(np.eye(count, dtype=bool), np.nan, values)
    # on the scale of 0 to 1 the lesson explains, however alike these articles happen to be
    image = axis.imshow(shown, cmap=plt.get_cmap("Blues").with_extremes(bad="#f2f2f2"), vmin=0, vmax=1,
                        aspect="auto")
    for i in range(count):
        for j in range(count):
            text = "—" if i == j else f"{values[i, j]:.2f}"
            axis.text(j, i, text, ha="center", va="center", fontsize=12,
                      color="white" if i != j and values[i, j] > 0.6 else "#222222")
    axis.set_xticks(range(count), names, rotation=30, ha="right")
    axis.set_yticks([] if count >= 3 else range(count), [] if count >= 3 else names)
    axis.grid(False)
    fig.colorbar(image, cax=bar, ticks=[0, 0.25, 0.5, 0.75, 1])
    bar.set_yticklabels(["0 no shared words", "0.25", "0.5", "0.75", "1 the same words"])
    fig.suptitle(textwrap.fill("How alike is the vocabulary of each pair of articles? (similarity of word use, "
                               "0 to 1)", int(width * 6.5)), x=0.01, y=1 - 0.1 / height, ha="left", va="top",
                 fontsize=14, fontweight="bold")
    data = matrix.rename_axis("article_a").reset_index().melt(id_vars="article_a", var_name="article_b",
                                                            value_name="cosine")
    return fig, data


def fact_coverage_chart(story):
    """Which facts each article carries, and where: a fact-by-article matrix.

    Each dot marks the first sentence carrying the fact (hollow where a reader marked it as
    carried only in part); its label is how far into the article it comes (0% = the opening).
    Facts come from the story's ``facts.yml``, or from automatic sentence alignment when there
    is none (the caption says which, in the words of ``selection.FACT_SOURCES``).

    Returns:
        ``(figure, data)`` with ``data`` the coverage table (``selection.COVERAGE_COLUMNS``).
    """
    use_style()
    data = fact_coverage(story)
    method = data["method"].iloc[0] if len(data) else "aligned"
    labels, colours = story.labels, article_colours(story.article_ids)
    ids = story.article_ids
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
                axis.scatter(column, row, s=260, color="white" if hit["partial"] else colours[article_id],
                             edgecolor=colours[article_id] if hit["partial"] else "#333333",
                             linewidth=3 if hit["partial"] else 1, zorder=3)
                axis.text(column + 0.2, row, f"{hit['position']:.0%}", va="center", fontsize=10)
            else:
                axis.scatter(column, row, s=40, marker="x", color=NEUTRAL_GREY, zorder=3)
    if not facts:
        axis.text(0.5, 0.5, "No sentence of one article is close enough to a sentence of another.\n"
                  "List the story's facts in facts.yml to compare what each article carries.",
                  transform=axis.transAxes, ha="center", va="center", fontsize=12, color="#444444")
    wrapped = [textwrap.fill(textwrap.shorten(names[f], 150, placeholder="..."), 50) for f in facts]
    axis.set_yticks(range(len(facts)), wrapped)
    axis.set_xticks(range(len(ids)), [labels[a] for a in ids], rotation=20, ha="right")
    axis.set_xlim(-0.5, len(ids) - 0.2)
    axis.set_ylim(max(len(facts), 1) - 0.5, -0.5)
    axis.grid(True, axis="both")
    fig.suptitle("Which facts does each article carry, and how early?", x=0.01, y=1 - 0.15 / height, ha="left",
                 va="top", fontsize=15, fontweight="bold")
    explanation = (f"dot = carried (hollow: only in part); % = how far into the article its first mention comes "
                   f"(0% = the opening); x = left out. Facts: {FACT_SOURCES[method]}.")
    fig.text(0.01, 1 - 0.5 / height, textwrap.fill(explanation, int(fig.get_figwidth() * 10)), fontsize=11,
             color="#444444", va="top")
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.8 / height))
    return fig, data
