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
from analysis.pipelines.notebooks import run_notebooks
from analysis.present.figures import FIGURES, draw, save_figure
from analysis.present.report import REPORT_FIGURES, write_pages
from analysis.stories.story import load_story


def make_figures(story, out_dir=None):
    """Draw every figure of a ``Story`` into ``out_dir`` (default ``figures/<story>/``) beside
    its data, and write the story's blind page and report there (``blind.html``, ``report.html``); returns the paths."""
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
    written += write_pages(story, out_dir, features=features, images=images)
    return written


def build(stories, notebooks, jobs=None):
    """What ``make figures`` does: ``make_figures`` for each story (by name) and every lesson
    notebook executed and saved. The notebooks are dealt into ``jobs`` groups (default: one per
    processor), each run in one kernel by a process of its own (``run_notebooks``), while this
    process draws the figures. Yields the paths written."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    groups = [group for group in (notebooks[start::jobs] for start in range(jobs)) if group]
    if jobs == 1 or not groups:
        for name in stories:
            yield from make_figures(load_story(name))
        for group in groups:
            yield from _notebooks(group)
        return
    with ProcessPoolExecutor(max_workers=len(groups)) as pool:
        running = [pool.submit(_notebooks, group) for group in groups]
        for name in stories:
            yield from make_figures(load_story(name))
        for task in running:
            yield from task.result()


def _notebooks(paths):
    run_notebooks(paths)
    return [path.with_suffix(".ipynb") for path in paths]
