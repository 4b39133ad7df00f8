"""Media-framing analysis: how different outlets framed the same news story.

The public functions are imported lazily so that ``import analysis`` stays fast;
``analysis.load_corpus`` and friends load their module on first use.
"""

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "load_corpus": "corpus",
    "load_article": "corpus",
    "list_stories": "corpus",
    "story_info": "corpus",
    "load_actors": "corpus",
    "loaded_terms": "loaded_language",
    "stance_markers": "stance",
    "sentiment": "polarity",
    "sentiment_summary": "polarity",
    "sentiment_toward": "polarity",
    "article_features": "features",
    "attributions": "attribution",
    "article_attributions": "attribution",
    "structure_table": "summaries",
    "distinctive_words": "compare",
    "similarity": "compare",
    "load_naming": "compare",
    "naming_choices": "compare",
    "naming_table": "compare",
    "load_facts": "compare",
    "fact_coverage": "compare",
    "headline_and_lead": "compare",
    "compare_outlets": "compare",
    "outlet_comparison_chart": "figures",
    "highlight": "views",
    "story_report": "report",
    "write_report": "report",
    "article_blocks": "corpus",
    "cleaning_log": "corpus",
    "paragraphs": "parse",
    "sentences": "parse",
    "tokens": "parse",
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
