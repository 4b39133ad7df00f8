"""Figures: one function per figure, each returning ``(figure, data)``.

``data`` is exactly what the figure plots; ``save_figure`` writes both, as PNG
(and SVG) beside a CSV, so every chart can be checked against its numbers.
``make_figures`` writes every figure of a story into ``figures/<story>/``.
Output is deterministic: the same corpus gives byte-identical files.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Patch

from .corpus import load_corpus
from .paths import FIGURES_DIR
from .style import HATCHES, NEUTRAL_GREY, article_colours, use_style
from .summaries import structure_table


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


FIGURES = {"article_structure": article_structure}


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


def make_figures(story, corpus_dir=None, out_dir=None):
    """Draw every figure for a story and save it into ``figures/<story>/``; returns the paths."""
    corpus = load_corpus(story, corpus_dir=corpus_dir)
    out_dir = (FIGURES_DIR / story) if out_dir is None else out_dir
    written = []
    for name, function in FIGURES.items():
        fig, data = function(corpus)
        written += save_figure(fig, data, name, out_dir)
        plt.close(fig)
    return written
