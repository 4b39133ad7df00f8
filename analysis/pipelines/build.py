"""Build a story's figures and report: every article annotated once, every figure drawn from it.

``make_figures(story)`` is what ``make figures`` runs for each story: it annotates
each article once (``annotate_story``), computes the features from those
annotations, draws every figure of ``analysis.present.figures.FIGURES`` once and writes
the story report (which embeds five of those drawings), all into ``figures/<story>/``.
"""

import os
from concurrent.futures import ProcessPoolExecutor

import matplotlib.pyplot as plt

from analysis.annotation import annotate_story
from analysis.measures.features import article_features
from analysis.paths import FIGURES_DIR
from analysis.pipelines.notebooks import run_notebook
from analysis.present.figures import FIGURES, draw, save_figure
from analysis.present.report import REPORT_FIGURES, write_report
from analysis.stories.story import load_story


def make_figures(story, out_dir=None):
    """Draw every figure of a ``Story`` into ``out_dir`` (default ``figures/<story>/``) beside
    its data, and write the story report there (``report.html``); returns the paths."""
    out_dir = (FIGURES_DIR / story.name) if out_dir is None else out_dir
    annotate_story(story)
    features = article_features(story)
    written, images = [], {}
    for name, function in FIGURES.items():
        fig, data = draw(function, story, features)
        written += save_figure(fig, data, name, out_dir)
        if name in REPORT_FIGURES:  # the report embeds this figure: the SVG just written
            images[name] = (out_dir / f"{name}.svg").read_bytes()
        plt.close(fig)
    written.append(write_report(story, out_dir / "report.html", features, images=images))
    return written


def build(stories, notebooks, jobs=None):
    """What ``make figures`` does: ``make_figures`` for each story (by name) and every lesson
    notebook executed and saved, spread over ``jobs`` processes (default: one per processor),
    the stories first since they take longest. Yields the paths written, task by task."""
    tasks = [(_figures_of, name) for name in stories] + [(_notebook, path) for path in notebooks]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks) or 1))
    if jobs == 1:
        for function, argument in tasks:
            yield from function(argument)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for written in pool.map(_run, tasks):
            yield from written


def _run(task):
    function, argument = task
    return function(argument)


def _figures_of(name):
    return make_figures(load_story(name))


def _notebook(path):
    run_notebook(path)
    return [path.with_suffix(".ipynb")]
