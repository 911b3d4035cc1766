"""Autobrief: auto-industry news briefings compiled into a Material for MkDocs site.

The briefing model (``autobrief.core``) and its HTML rendering
(``autobrief.render``) import nothing from MkDocs; ``autobrief.plugin`` is the
thin adapter that feeds them into an MkDocs build.
"""

__version__ = "0.1.0"
