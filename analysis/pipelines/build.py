"""Build a story's figures and report: every article annotated once, every figure drawn from it.

``make_figures(story)`` is what ``make figures`` runs for each story: it annotates
each article once (``annotate_story``), computes the features from those
annotations, draws every figure of ``analysis.present.figures.FIGURES`` and writes
the story report, all into ``figures/<story>/``.
"""

import matplotlib.pyplot as plt

from analysis.annotation import annotate_story
from analysis.measures.features import article_features
from analysis.paths import FIGURES_DIR
from analysis.present.figures import FIGURES, draw, save_figure
from analysis.present.report import write_report


def make_figures(story, out_dir=None):
    """Draw every figure of a ``Story`` into ``out_dir`` (default ``figures/<story>/``) beside
    its data, and write the story report there (``report.html``); returns the paths."""
    out_dir = (FIGURES_DIR / story.name) if out_dir is None else out_dir
    annotate_story(story)
    features = article_features(story)
    written = []
    for name, function in FIGURES.items():
        fig, data = draw(function, story, features)
        written += save_figure(fig, data, name, out_dir)
        plt.close(fig)
    written.append(write_report(story, out_dir / "report.html", features))
    return written
