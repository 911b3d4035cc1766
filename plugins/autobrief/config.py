"""Options of the `briefings` plugin, as written under `plugins:` in mkdocs.yml."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class BriefingsConfig(Config):
    # Folder of briefings, relative to mkdocs.yml; kept outside docs_dir.
    folder = c.Type(str, default="briefings")
    # How many briefings the home page lists.
    home_latest = c.Type(int, default=20)
    # Briefings per page of every paginated listing (stable URLs: …/page/2/).
    per_page = c.Type(int, default=20)
    # Entries in the site-wide and per-term feeds.
    feed_limit = c.Type(int, default=50)
    # Emit a schema.org ClaimReview (with the status as its rating) for desks that rate claims.
    claim_review = c.Type(bool, default=False)
    # Render Material's chrome once per kind of listing page and stamp the rest (stamp.py);
    # off renders every listing page through the theme (same bytes, slower).
    stamp_listings = c.Type(bool, default=True)
    # Show drafts: None means "under `mkdocs serve` only".
    drafts = c.Optional(c.Type(bool))
