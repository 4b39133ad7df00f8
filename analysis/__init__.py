"""Media-framing analysis: how different outlets framed the same news story.

The public functions are imported lazily so that ``import analysis`` stays fast;
``analysis.load_corpus`` and friends load their module on first use.
"""

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "load_corpus": "stories.corpus",
    "load_article": "stories.corpus",
    "list_stories": "stories.corpus",
    "story_info": "stories.corpus",
    "load_actors": "stories.corpus",
    "loaded_terms": "detectors.loaded",
    "stance_markers": "detectors.stance",
    "sentiment": "detectors.sentiment",
    "sentiment_summary": "detectors.sentiment",
    "sentiment_toward": "detectors.sentiment",
    "article_features": "measures.features",
    "attributions": "detectors.attribution",
    "article_attributions": "detectors.attribution",
    "structure_table": "measures.structure",
    "distinctive_words": "measures.compare",
    "similarity": "measures.compare",
    "load_naming": "measures.compare",
    "naming_choices": "measures.compare",
    "naming_table": "measures.compare",
    "load_facts": "measures.compare",
    "fact_coverage": "measures.compare",
    "headline_and_lead": "measures.compare",
    "compare_outlets": "measures.compare",
    "outlet_comparison_chart": "present.figures",
    "highlight": "present.views",
    "story_report": "present.report",
    "write_report": "present.report",
    "article_blocks": "stories.corpus",
    "cleaning_log": "stories.corpus",
    "paragraphs": "text.parse",
    "sentences": "text.parse",
    "tokens": "text.parse",
    "load_lexicon": "lexicons",
    "lexicon_info": "lexicons",
    "CorpusError": "errors",
    "FramingError": "errors",
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
