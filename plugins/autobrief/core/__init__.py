"""The briefing model: reading, validating and indexing briefings.

Nothing in this package imports MkDocs, so it can be tested alone and moved
to another site engine.
"""

from .errors import BriefingError
from .briefing import Briefing
from .model import STATUSES, Denial, FrontMatter, Source
from .corpus import Corpus, load_corpus

__all__ = ["STATUSES", "Briefing", "FrontMatter", "BriefingError", "Corpus", "Denial", "Source", "load_corpus"]
