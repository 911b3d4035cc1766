"""Options of the `briefings` plugin, as written under `plugins:` in mkdocs.yml.

Each option checks its own value: a wrong one stops MkDocs with one line that names it,
e.g. "Config value 'plugins': Plugin 'briefings' option 'per_page': must be a whole
number, at least 1; it is 0", never a traceback and never a silently emptied listing.
"""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError


def _described(value: object, numbers: bool = True) -> str:
    """A value as a writer of mkdocs.yml wrote it (never Python's type names)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value) if numbers else "a number"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a value of another kind"


class Count(c.OptionallyRequired[int]):
    """A whole number of at least ``minimum`` (true and false are not numbers here)."""

    def __init__(self, default: int, minimum: int):
        super().__init__(default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise ValidationError(f"must be a whole number, at least {self.minimum}; it is {_described(value)}")
        return value


class Flag(c.OptionallyRequired[bool]):
    """true or false; with ``nullable``, null too (the option's default then decides)."""

    def __init__(self, default: bool | None, nullable: bool = False):
        super().__init__(default=default)
        self.nullable = nullable

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            allowed = "true, false or null" if self.nullable else "true or false"
            raise ValidationError(f"must be {allowed}; it is {_described(value)}")
        return value


class Folder(c.OptionallyRequired[str]):
    """A folder, relative to mkdocs.yml or absolute. Where it may be (outside docs_dir) is
    checked by the plugin's on_config, which knows docs_dir."""

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            shown = "empty" if isinstance(value, str) else _described(value, numbers=False)
            raise ValidationError(f"must name a folder, e.g. briefings; it is {shown}")
        for char in value:
            if ord(char) < 32 or 0x7F <= ord(char) < 0xA0:
                raise ValidationError(f"contains the control character U+{ord(char):04X}: remove it")
        return value


class BriefingsConfig(Config):
    # Folder of briefings, relative to mkdocs.yml; kept outside docs_dir.
    folder = Folder(default="briefings")
    # Folder of the registries of who is who (v1.1), relative to mkdocs.yml; unset: `registry`
    # beside the briefings folder. Every file in it is optional.
    registry = c.Optional(Folder())
    # A closed list: a company, outlet or author in no registry file that exists is an error of
    # the build (as `autobrief check --closed` reports it), not a page of its own.
    registry_closed = Flag(default=False)
    # How many briefings the home page lists (0: none).
    home_latest = Count(default=20, minimum=0)
    # Briefings per page of every paginated listing (stable URLs: …/page/2/).
    per_page = Count(default=20, minimum=1)
    # Entries in the site-wide and per-term feeds.
    feed_limit = Count(default=50, minimum=1)
    # Emit a schema.org ClaimReview (with the status as its rating) for desks that rate claims.
    claim_review = Flag(default=False)
    # Render Material's chrome once per kind of listing page and stamp the rest (stamp.py);
    # off renders every listing page through the theme (same bytes, slower).
    stamp_listings = Flag(default=True)
    # The same for briefing pages (all one signature, bar those without a description): their
    # table of contents comes from the theme's own partial.
    stamp_briefings = Flag(default=True)
    # A build that renders at least this many briefing and listing pages forks a copy of itself
    # that renders their articles and listings from the last page back, on the core MkDocs
    # leaves idle (ahead.py; POSIX, two cores or more), and one that converts the briefings'
    # Markdown the same way while MkDocs reads the pages (with share_markdown). The same
    # bytes; 0: never.
    render_ahead = Count(default=500, minimum=0)
    # Convert every briefing's Markdown with one converter, reset between pages (converter.py),
    # rather than a new one per page; off for an extension that keeps state between documents.
    share_markdown = Flag(default=True)
    # Briefings per shard of the full-text index: Pagefind holds a shard's index in memory
    # (about 240 KB a briefing) and search merges the shards in the browser.
    search_shard_size = Count(default=2500, minimum=1)
    # A folder kept between builds (CI restores it) so that `mkdocs build` renders only the pages
    # that changed and indexes only the search shards that did (buildcache.py); None: no cache.
    cache_dir = c.Optional(Folder())
    # Show drafts: None means "under `mkdocs serve` only".
    drafts = c.Optional(Flag(default=None, nullable=True))
