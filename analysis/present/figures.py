"""Figures: one function per figure, each returning ``(figure, data)``.

``data`` is exactly what the figure plots; ``save_figure`` writes both, as PNG
(and SVG) beside a CSV, so every chart can be checked against its numbers.
The chart functions live in ``text_charts`` and ``measure_charts``; ``FIGURES``
names each figure's file. Output is deterministic: the same story gives
byte-identical files.
"""

import inspect
import io

from analysis.files import atomic_path, spreadsheet_safe

from analysis.present.measure_charts import (attribution_chart, key_measures_blind_chart, key_measures_chart,
                                             loaded_language_chart, sentiment_arc_chart, sentiment_toward_chart)
from analysis.present.text_charts import (distinctive_words_chart, fact_coverage_chart, similarity_chart,
                                          structure_chart)

FIGURES = {"article_structure": structure_chart, "loaded_language": loaded_language_chart,
           "sentiment_arc": sentiment_arc_chart, "sentiment_toward_actors": sentiment_toward_chart,
           "who_speaks": attribution_chart, "distinctive_words": distinctive_words_chart,
           "article_similarity": similarity_chart, "fact_coverage": fact_coverage_chart,
           "key_measures": key_measures_chart, "key_measures_blind": key_measures_blind_chart}


def save_figure(fig, data, name, out_dir, svg=True):
    """Write ``name.png`` (and ``name.svg``) beside ``name.csv``; returns the paths.

    Text cells of the CSV that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``
    first) start with an apostrophe. Files are written to a temporary name first and then renamed, so an error
    never leaves a half-written figure behind. Metadata that would change from
    run to run (software version, dates) is left out.
    """
    # the data is for a spreadsheet too: text a spreadsheet would run as a formula gets an apostrophe
    targets = [(out_dir / f"{name}.csv",
                lambda tmp: spreadsheet_safe(data).to_csv(tmp, index=False, lineterminator="\n"))]
    targets.append((out_dir / f"{name}.png",
                    lambda tmp: fig.savefig(tmp, format="png", metadata={"Software": None})))
    if svg:
        targets.append((out_dir / f"{name}.svg", lambda tmp: tmp.write_bytes(figure_svg(fig))))
    written = []
    for path, write in targets:
        with atomic_path(path) as tmp:
            write(tmp)
        written.append(path)
    return written


def figure_svg(fig):
    """The figure as SVG (bytes): text drawn as outlines, no date or software version, so the
    same figure always gives the same bytes and shows the same in any browser."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


# What each figure counts: the marks (a reader's when the story is reviewed), the sentence tone
# (always VADER's), both, or neither (words and sentences only).
FIGURE_COUNTS = {"loaded_language": "marks", "sentiment_toward_actors": "marks", "who_speaks": "marks",
                 "fact_coverage": "marks", "sentiment_arc": "tone", "key_measures": "both",
                 "key_measures_blind": "both"}


def provenance_note(story, counts):
    """The line a figure carries saying whose marks it counts (``counts`` as in ``FIGURE_COUNTS``)."""
    marks = "Marks reviewed by a reader" if story.reviewed else "Automatic marks, unreviewed"
    return {"marks": marks, "tone": "Sentence tone: VADER, automatic",
            "both": f"{marks}; sentence tone: VADER, automatic"}.get(counts, "")


def draw(function, story, features, **options):
    """Call a figure function of ``FIGURES``, passing ``features`` to those that take them (and
    any ``options``, such as a blind chart's ``class_code``); the figure says in its lower right
    corner whose marks it counts (``provenance_note``)."""
    if "features" in inspect.signature(function).parameters:
        fig, data = function(story, features=features, **options)
    else:
        fig, data = function(story, **options)
    name = next((name for name, known in FIGURES.items() if known is function), "")
    note = provenance_note(story, FIGURE_COUNTS.get(name))
    if note:
        fig.text(0.995, 0.005, note, ha="right", va="bottom", fontsize=7.5, color="#444444", style="italic")
    return fig, data
