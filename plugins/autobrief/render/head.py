"""HTML for a briefing page's <head>: its JSON-LD graph and its sharing tags.

The data is the core's (core.structured: ``briefing_jsonld``, ``social_meta``);
this module only writes it as HTML. Both return plain ``str``, ready to be
joined to the rest of the head, with every value escaped here.
"""

from __future__ import annotations

import json

from markupsafe import escape

from ..core.briefing import Briefing
from ..core.site import SiteInfo, clean
from ..core.structured import social_meta

# Characters that could end the <script> element or trip a JavaScript parser, as JSON escapes.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def jsonld_script(data: dict) -> str:
    """The graph as a <script> element that no value inside it can close or break out of."""
    text = json.dumps(data, ensure_ascii=False)
    for char, code in _SCRIPT_ESCAPES.items():
        text = text.replace(char, code)
    return f'<script type="application/ld+json">{text}</script>'


def meta_tags(b: Briefing, site: SiteInfo) -> str:
    """The social tags as HTML, every value escaped and stripped of control characters."""
    return "\n".join(
        f'<meta {attr}="{escape(key)}" content="{escape(clean(content))}">'
        for attr, key, content in social_meta(b, site)
    )
