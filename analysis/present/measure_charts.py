"""Figures of the measures: loaded words, tone, tone toward actors, who speaks, the key
measures side by side (named or blind), and outlets compared over many articles.

Each function takes a ``Story`` (and its ``article_features`` when already computed)
and returns ``(figure, data)``, ``data`` being exactly what the figure plots.
"""

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from analysis.annotation import annotate_story
from analysis.detectors.tone import MIN_MENTIONS, tone_label, tone_parameters
from analysis.measures.features import article_features, loaded_categories, slug
from analysis.present.style import NEUTRAL_GREY, article_colours, blind_letters, use_style
from analysis.vocabulary import SOURCE_TYPES, STANCES


def _heatmap_table(axis, values, row_labels, column_labels, colour_map, vmin, vmax, formats, faint=None,
                   fontsize=11):
    """Draw a table of numbers as coloured cells, each cell also written out (colour is never
    the only signal); NaN cells are left grey and marked with a dash; ``faint`` cells (a boolean
    array: too little evidence) are left grey too, their number written in grey italics."""
    faint = np.zeros(values.shape, dtype=bool) if faint is None else faint
    shown = np.ma.masked_array(values.astype(float), mask=np.isnan(values.astype(float)) | faint)
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
            axis.text(j, i, formats(i, j, value), ha="center", va="center", fontsize=fontsize,
                      color="#595959" if faint[i, j] else "white" if strength > 0.65 else "#222222",
                      style="italic" if faint[i, j] else "normal")
    axis.set_xticks(range(len(column_labels)), column_labels, rotation=25, ha="right")
    axis.set_yticks(range(len(row_labels)), row_labels)
    axis.grid(False)
    return image


def loaded_language_chart(story, features=None):
    """Loaded words per 1,000 words, by category, in the outlet's own voice and in quotations.

    Returns:
        ``(figure, data)`` with ``data`` one row per article, category and voice:
        ``article_id``, ``category``, ``voice`` (own or quoted), ``per_1000`` and ``count`` (the
        words the rate rests on; each bar is labelled "count (rate)").
    """
    use_style()
    features = article_features(story) if features is None else features
    labels, colours = story.labels, article_colours(story.article_ids)
    categories = loaded_categories()
    rows = [{"article_id": row["article_id"], "category": category, "voice": voice,
             "per_1000": float(row[f"loaded_{category}_{voice}_per_1000"]),
             "count": round(row[f"loaded_{category}_{voice}_per_1000"] * row["words"] / 1000)}
            for _, row in features.iterrows() for category in categories for voice in ("own", "quoted")]
    data = pd.DataFrame(rows)
    columns = 4
    panels = -(-len(categories) // columns)
    fig, axes = plt.subplots(panels, columns, figsize=(16, 0.5 + (0.55 * len(story.articles) + 1.3) * panels),
                             sharex=True, squeeze=False)
    ids = story.article_ids
    y = np.arange(len(ids))[::-1]
    x_max = max(data.groupby(["article_id", "category"])["per_1000"].sum().max(), 1.0)
    for axis, category in zip(axes.flat, categories):
        mine = data[data["category"] == category].pivot(index="article_id", columns="voice", values="per_1000")
        mine = mine.reindex(ids)
        axis.barh(y, mine["own"], color=[colours[a] for a in ids], edgecolor="#333333", linewidth=0.6)
        axis.barh(y, mine["quoted"], left=mine["own"], color="white", hatch="//", edgecolor=[colours[a] for a in ids],
                  linewidth=0.8)
        counts = data[data["category"] == category].groupby("article_id")["count"].sum().reindex(ids)
        for yi, own, quoted, count in zip(y, mine["own"], mine["quoted"], counts):  # the count, then the rate
            axis.text(own + quoted, yi, f" {count} ({own + quoted:.1f})" if count else " 0", va="center", fontsize=9,
                      color="#222222" if count else "#595959")
        axis.set_yticks(y, [labels[a] for a in ids] if axis in axes[:, 0] else [""] * len(ids))
        axis.set_title(category.replace("_", " "), loc="left", fontsize=12)
        axis.set_xlim(0, x_max * 1.45)
        axis.tick_params(labelbottom=True)  # every panel has its scale, also one with no panel below
    for axis in axes[-1]:
        axis.set_xlabel("per 1,000 words")
    for axis in list(axes.flat)[len(categories):]:
        axis.set_visible(False)
    fig.legend(handles=[Patch(facecolor="#888888", edgecolor="#333333", label="the outlet's own words"),
                        Patch(facecolor="white", edgecolor="#333333", hatch="//", label="inside quotations")],
               loc="lower right", bbox_to_anchor=(0.98, 0.08), fontsize=11)
    fig.suptitle("Loaded words per 1,000 words, by kind: in the outlet's own voice, and in the voices it quotes"
                 "\n(each bar: number of words, then per 1,000 words)",
                 x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    return fig, data


SMOOTHING = 0.05  # the sentiment arc's smoothing width, as a share of the article's length


def smooth_tone(positions, tones, at):
    """The tone around each position of ``at``: a mean of ``tones`` weighted by a Gaussian of
    the distance between positions (width ``SMOOTHING``), so the line bends gradually, however
    close two sentences start.

    >>> smooth_tone([0.0, 1.0], [-1.0, 1.0], [0.0, 0.5, 1.0]).round(2).tolist()
    [-1.0, 0.0, 1.0]
    """
    positions, tones, at = (np.asarray(v, dtype=float) for v in (positions, tones, at))
    weights = np.exp(-0.5 * ((at[:, None] - positions[None, :]) / SMOOTHING) ** 2)
    return pd.Series((weights @ tones) / np.maximum(weights.sum(axis=1), 1e-300))


def sentiment_arc_chart(story):
    """The tone of each sentence through each article (VADER compound, -1 to +1).

    Returns:
        ``(figure, data)`` with ``data`` one row per sentence: ``article_id``,
        ``sentence_id``, ``position`` (0 = opening, 1 = end), ``compound`` and
        ``smoothed`` (the line: ``smooth_tone`` at the sentence's position).
    """
    use_style()
    labels, colours = story.labels, article_colours(story.article_ids)
    frames = []
    for article_id, note in annotate_story(story).items():
        table, body = note.sentiment, note.text
        frames.append(pd.DataFrame({
            "article_id": article_id, "sentence_id": table["sentence_id"],
            "position": (table["start"] / max(len(body), 1)).round(3), "compound": table["compound"].round(4)}))
        frames[-1]["smoothed"] = smooth_tone(frames[-1]["position"], frames[-1]["compound"],
                                             frames[-1]["position"]).round(4)
    data = pd.concat(frames, ignore_index=True)
    ids = story.article_ids
    fig, axes = plt.subplots(len(ids), 1, figsize=(12, 1.1 + 1.5 * len(ids)), sharex=True, squeeze=False)
    for axis, article_id in zip(axes[:, 0], ids):
        mine = data[data["article_id"] == article_id]
        axis.axhline(0, color="#999999", linewidth=0.8)
        axis.vlines(mine["position"], 0, mine["compound"], color=colours[article_id], linewidth=2.2, alpha=0.8)
        if len(mine):
            grid = np.linspace(mine["position"].min(), mine["position"].max(), 200)
            axis.plot(grid, smooth_tone(mine["position"], mine["compound"], grid), color="#222222", linewidth=1.4)
        axis.set_ylim(-1.05, 1.05)
        axis.set_yticks([-1, 0, 1])
        axis.set_title(labels[article_id], loc="left", fontsize=12)
        axis.grid(True, axis="y")
    axes[-1, 0].set_xlabel("position in the article (0% = opening, 100% = end)")
    axes[-1, 0].xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    fig.suptitle("The tone of each sentence, from the opening to the end (VADER, -1 negative to +1 positive)",
                 x=0.01, ha="left", fontsize=15, fontweight="bold")
    fig.supylabel("tone of the sentence (-1 to +1)", fontsize=11)
    fig.text(0.01, 0.005, "Each stick is one sentence; the black line is the average tone around each point (the "
             f"sentences within about {SMOOTHING:.0%} of the article's length weigh most).\n"
             "VADER was built for social media; on news it is a rough guide.", fontsize=10, color="#444444",
             va="bottom")
    fig.tight_layout(rect=(0, 0.045, 1, 0.97))
    return fig, data


def sentiment_toward_chart(story, features=None):
    """Tone toward each actor, article by article (``analysis.detectors.tone``): the score, its
    label and 95% interval, and the number of mentions counted.

    Returns:
        ``(figure, data)`` with ``data`` one row per actor and article: ``actor``,
        ``article_id``, ``score`` (-1 to 1, empty without counted mentions), ``low``, ``high``,
        ``mentions``, ``label`` and ``certain`` (the interval stays inside the label's band).
    """
    use_style()
    features = article_features(story) if features is None else features
    labels = story.labels
    works = set(story.actors.loc[story.actors["work"].astype(bool), "actor"])  # a book is not a person
    actors = [a for a in story.actor_names if a not in works] + [a for a in story.actor_names if a in works]
    ids = list(features["article_id"])
    rows = []
    for actor in actors:
        name = slug(actor)
        for _, row in features.iterrows():
            score, low, high = (row.get(f"{column}{name}", np.nan) for column in ("toward_", "toward_low_",
                                                                                   "toward_high_"))
            label = tone_label(score)
            rows.append({"actor": actor, "article_id": row["article_id"], "score": score, "low": low, "high": high,
                         "mentions": int(row.get(f"mentions_{name}", 0)), "label": label,
                         "certain": bool(label) and tone_label(low) == label == tone_label(high)})
    data = pd.DataFrame(rows, columns=["actor", "article_id", "score", "low", "high", "mentions", "label", "certain"])
    width = max(4 + 2.1 * len(ids), 10)  # and room for a colour bar with its words, however few the actors
    fig, axis = plt.subplots(figsize=(width, 2.8 + 0.7 * max(len(actors), 5)))
    if actors:
        table = {column: data.pivot(index="actor", columns="article_id", values=column).reindex(index=actors,
                                                                                                columns=ids)
                 for column in ("score", "low", "high", "mentions", "label", "certain")}
        names = [f"{a} (a work)" if a in works else a for a in actors]

        def signed(value):  # no "-0.00": a range that ends just below zero reads as ending at zero
            return "0.00" if abs(value) < 0.005 else f"{value:+.2f}"

        def cell(i, j, value):
            count = table["mentions"].iat[i, j]
            if count < MIN_MENTIONS:
                return f"{signed(value)}\n{count}× (too few)"
            word = table["label"].iat[i, j] + ("" if table["certain"].iat[i, j] else "?")
            return (f"{signed(value)} {word}\n{count}×, {signed(table['low'].iat[i, j])} to "
                    f"{signed(table['high'].iat[i, j])}")

        image = _heatmap_table(axis, table["score"].to_numpy(), names, [labels[a] for a in ids], "RdBu", -1, 1,
                               cell, faint=table["mentions"].to_numpy() < MIN_MENTIONS, fontsize=9.5)
        for i in range(len(actors)):
            for j in range(len(ids)):
                if table["mentions"].iat[i, j] >= MIN_MENTIONS and not table["certain"].iat[i, j]:
                    axis.add_patch(plt.Rectangle((j - 0.45, i - 0.42), 0.9, 0.84, fill=False, linestyle=(0, (4, 3)),
                                                 edgecolor="#444444", linewidth=1.3))
        if works and len(works) < len(actors):  # the works below a line of their own
            axis.axhline(len(actors) - len(works) - 0.5, color="#1a1a1a", linewidth=2.5)
        bar = fig.colorbar(image, ax=axis, shrink=0.9, ticks=[-1, -0.5, 0, 0.5, 1], aspect=15)
        bar.ax.set_title("tone", fontsize=11, loc="left")
        bar.ax.set_yticklabels(["-1 negative", "-0.5", "0 neutral", "+0.5", "+1 positive"])
    else:
        axis.text(0.5, 0.5, "This story has no actors.yml: list its actors to measure sentiment toward them.",
                  transform=axis.transAxes, ha="center", va="center", color="#444444")
        axis.set_axis_off()
    fig.suptitle("Tone toward each actor over each article (the score and its label; below: mentions counted "
                 "and the 95% range)", x=0.01, ha="left", fontsize=14, fontweight="bold")
    band = tone_parameters()
    caption = (f"A score counts each mention of the actor as -1 to +1 and adds {band['pseudo_mentions']:.0f} neutral "
               "ones, so that a few mentions never give a strong colour. Not counted: what an actor says (the one "
               "who accuses is not accused), unless the writer judges the speaker (\"falsely stated\"). Neutral "
               f"from {band['negative_below']:+.2f} to {band['positive_above']:+.2f}. A question mark and a dashed "
               "frame: the range reaches another label, so the label is a best guess. Grey: fewer than "
               f"{MIN_MENTIONS} mentions, an anecdote, not a pattern."
               + (" Below the line: a book or other work, not a person or a group (the tone toward what it says)."
                  if works and len(works) < len(actors) else ""))
    fig.text(0.01, 0.01, textwrap.fill(caption, int(width * 9)), fontsize=10, color="#444444")
    fig.tight_layout(rect=(0, 1.1 / fig.get_figheight(), 1, 1 - 0.45 / fig.get_figheight()))
    return fig, data


def attribution_chart(story, features=None):
    """Who speaks in each article: attributions by the stance of the reporting verb and by
    the type of source, with the share of quoted words and of anonymous sources.

    Returns:
        ``(figure, data)`` with ``data`` one row per article, kind (``stance`` or
        ``source_type``) and category: ``count``.
    """
    use_style()
    features = article_features(story) if features is None else features
    labels = story.labels
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
    fig, axes = plt.subplots(1, 2, figsize=(17, 2.4 + 0.65 * len(ids)),
                             gridspec_kw={"width_ratios": [len(groups["stance"]), len(groups["source_type"])]})
    for axis, (kind, categories) in zip(axes, groups.items()):
        counts = data[data["kind"] == kind].pivot(index="article_id", columns="category", values="count")
        counts = counts.reindex(index=ids, columns=categories).to_numpy().astype(float)
        totals = counts.sum(axis=1, keepdims=True)
        # coloured by the share of the article's attributions, so a long article does not look darker
        shares = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
        rows = [f"{labels[a]} ({total:.0f})" for a, total in zip(ids, totals[:, 0])]
        _heatmap_table(axis, shares, rows if kind == "stance" else [""] * len(ids),
                       [c.replace("_", " ") for c in categories], "Purples", 0, 1,
                       lambda i, j, v, counts=counts: f"{counts[i, j]:.0f}\n{v:.0%}" if counts[i, j] else "0",
                       fontsize=10)
        axis.set_title("by the stance of the reporting verb" if kind == "stance" else "by the type of source",
                       loc="left", fontsize=12)
    quoted = ", ".join(f"{labels[a]} {s:.0%}" for a, s in zip(ids, features["quoted_word_share"]))
    fig.suptitle("Who speaks, and how the article introduces them: number of attributions, and their share of the "
                 "article's attributions (all attributions in brackets)", x=0.01, ha="left", fontsize=14,
                 fontweight="bold")
    fig.text(0.01, 0.01, textwrap.fill("The colour is the share, so a long article does not look darker. Share of "
                                       f"words in quotation: {quoted}.", 190), fontsize=10, color="#444444")
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


def key_measures_chart(story, features=None, blind=False, class_code=""):
    """Small multiples of the key measures of every lesson, one panel per measure.

    With ``blind``, outlets are replaced by letters (``blind_letters`` of ``class_code``) and
    every bar is the same grey, so that nothing but the numbers tells the articles apart.

    Returns:
        ``(figure, data)`` with ``data`` one row per article and measure: ``article``
        (name or letter), ``measure``, ``value``.
    """
    use_style()
    features = article_features(story) if features is None else features
    names = blind_letters(features["article_id"], class_code) if blind else story.labels
    colours = ({a: NEUTRAL_GREY for a in features["article_id"]} if blind
               else article_colours(story.article_ids))
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
        if "share" in unit:  # the whole scale, in the labels' unit: a share is 0% to 100%
            axis.set_xlim(0, 1.12)
            axis.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
            axis.set_xticks([0, 0.25, 0.5, 0.75, 1])
        elif column == "sentiment_mean":  # the whole VADER scale, so small differences look small
            axis.set_xlim(-1, 1)
        else:
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


def key_measures_blind_chart(story, features=None, class_code=""):
    """``key_measures_chart`` with letters (of ``class_code``, see ``blind_letters``) instead of outlet names."""
    return key_measures_chart(story, features, blind=True, class_code=class_code)


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
