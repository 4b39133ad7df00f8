"""Media-framing analysis: how different outlets framed the same news story.

The public API, by layer (the order data flows in)::

    story = analysis.load_story("milley-china-calls")      # stories: articles, actors, naming, facts
    doc = analysis.parse_text(text)                         # text: sentences, tokens, quotations, voice
    analysis.loaded_terms(text)                             # detectors, on any text
    notes = analysis.annotate_story(story)                  # one annotation pass per article
    analysis.article_features(story)                        # measures, read from the annotations
    analysis.loaded_language_chart(story)                   # presentation: (figure, data)
    analysis.highlight(notes["wsws"])                       # the article with its marks
    analysis.make_figures(story)                            # pipelines: figures/<story>/

The names are imported lazily so that ``import analysis`` stays fast; each loads its
module on first use.
"""

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    # stories: the files of a story, read once
    "load_story": "stories.story",
    "Story": "stories.story",
    "list_stories": "stories.corpus",
    "load_corpus": "stories.corpus",
    "load_article": "stories.corpus",
    "article_blocks": "stories.corpus",
    "cleaning_log": "stories.corpus",
    "article_label": "stories.story",
    "article_labels": "stories.story",
    # text: one parsed document per text
    "parse_text": "text.document",
    "Document": "text.document",
    "paragraphs": "text.parse",
    "sentences": "text.parse",
    "tokens": "text.parse",
    "quotations": "text.quotes",
    "load_lexicon": "lexicons",
    "lexicon_info": "lexicons",
    # detectors: each on any text (they parse it), or on a Document via annotate
    "loaded_terms": "detectors.loaded",
    "stance_markers": "detectors.stance",
    "SCARE_QUOTE_RULE": "detectors.stance",
    "attributions": "detectors.attribution",
    "sentiment": "detectors.sentiment",
    "sentiment_toward": "detectors.sentiment",
    "article_tone": "detectors.tone",
    # one annotation pass per article
    "annotate": "annotation",
    "annotate_story": "annotation",
    "Annotation": "annotation",
    # measures: read from the annotations
    "article_features": "measures.features",
    "sentiment_summary": "measures.features",
    "structure_table": "measures.structure",
    "distinctive_words": "measures.words",
    "similarity": "measures.words",
    "naming_choices": "measures.selection",
    "naming_table": "measures.selection",
    "fact_coverage": "measures.selection",
    "FACT_SOURCES": "measures.selection",
    "headline_and_lead": "measures.selection",
    "compare_outlets": "measures.outlets",
    "agreement": "measures.agreement",
    "disagreements": "measures.agreement",
    "tone_cells": "measures.agreement",
    # presentation: every chart returns (figure, data)
    "structure_chart": "present.text_charts",
    "distinctive_words_chart": "present.text_charts",
    "STRONG_Z": "present.text_charts",
    "similarity_chart": "present.text_charts",
    "fact_coverage_chart": "present.text_charts",
    "loaded_language_chart": "present.measure_charts",
    "sentiment_arc_chart": "present.measure_charts",
    "sentiment_toward_chart": "present.measure_charts",
    "attribution_chart": "present.measure_charts",
    "key_measures_chart": "present.measure_charts",
    "key_measures_blind_chart": "present.measure_charts",
    "outlet_comparison_chart": "present.measure_charts",
    "article_colours": "present.style",
    "blind_letters": "present.style",
    "highlight": "present.views",
    "plain_table": "present.tables",
    "story_report": "present.report",
    "write_report": "present.report",
    "blind_report": "present.report",
    "write_blind_report": "present.report",
    "write_class_pages": "present.report",
    "write_pages": "present.report",
    "blackout": "present.report",
    "class_folder_name": "present.report",
    # pipelines
    "make_figures": "pipelines.build",
    "run_features": "pipelines.scale",
    "review_sheet": "pipelines.review",
    "write_sheet": "pipelines.review",
    "apply_sheet": "pipelines.review",
    # where things are
    "ROOT": "paths",
    "CORPUS_DIR": "paths",
    "FIGURES_DIR": "paths",
    # errors
    "FramingError": "errors",
    "CorpusError": "errors",
    "LexiconError": "errors",
    "InputError": "errors",
    "DatasetError": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
