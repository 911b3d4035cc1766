"""One broken briefing per rule of the contract, with the line each must produce.

Shared by the build tests and (later) the `autobrief check` tests. Each case is
(id, files, expected) where files maps a path under briefings/ to its content
and expected is the `path:line: field: message-start` the writer must see.
"""

from __future__ import annotations

from conftest import VALID

P = "briefings/2026/02/talks.md"


def edit(old: str, new: str, text: str = VALID) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


LONG = "x" * 201
CASES: list[tuple[str, dict[str, str | bytes], str]] = [
    ("title-missing", {"2026/02/talks.md": edit("title: Ford and Xiaomi talked about cooperation on cars in the US?\n", "")}, f"{P}:1: title: is required"),
    ("title-blank", {"2026/02/talks.md": edit("title: Ford and Xiaomi talked about cooperation on cars in the US?", 'title: "   "')}, f"{P}:2: title: must not be empty"),
    ("title-too-long", {"2026/02/talks.md": edit("title: Ford and Xiaomi talked about cooperation on cars in the US?", f"title: {LONG}")}, f"{P}:2: title: must be at most 200 characters"),
    ("title-not-text", {"2026/02/talks.md": edit("title: Ford and Xiaomi talked about cooperation on cars in the US?", "title: 2026")}, f"{P}:2: title: must be text"),
    ("date-missing", {"2026/02/talks.md": edit("date: 2026-02-02\n", "")}, f"{P}:1: date: is required"),
    ("date-impossible", {"2026/02/talks.md": edit("date: 2026-02-02", "date: 2026-02-30")}, f"{P}:3: date: '2026-02-30' is not a date"),
    ("date-words", {"2026/02/talks.md": edit("date: 2026-02-02", "date: last Monday")}, f"{P}:3: date: 'last Monday' is not a date"),
    ("date-no-offset", {"2026/02/talks.md": edit("date: 2026-02-02", "date: 2026-02-02T10:00:00")}, f"{P}:3: date: 2026-02-02T10:00:00 has no UTC offset"),
    ("updated-before-date", {"2026/02/talks.md": edit("date: 2026-02-02\n", "date: 2026-02-02\nupdated: 2026-02-01\n")}, f"{P}:4: updated: 2026-02-01 is earlier than date 2026-02-02"),
    ("status-missing", {"2026/02/talks.md": edit("status: denied\n", "")}, f"{P}:1: status: is required"),
    ("status-unknown", {"2026/02/talks.md": edit("status: denied", "status: deniedd")}, f"{P}:4: status: 'deniedd' is not a status"),
    ("summary-too-long", {"2026/02/talks.md": edit("status: denied\n", "status: denied\nsummary: " + "y" * 401 + "\n")}, f"{P}:5: summary: must be at most 400 characters"),
    ("claim-not-text", {"2026/02/talks.md": edit("status: denied\n", "status: denied\nclaim: [a, b]\n")}, f"{P}:5: claim: must be text"),
    ("companies-not-list", {"2026/02/talks.md": edit("companies: [Ford, Xiaomi]", "companies: Ford")}, f"{P}:5: companies: must be a list"),
    ("companies-empty-item", {"2026/02/talks.md": edit("companies: [Ford, Xiaomi]", 'companies: [Ford, ""]')}, f"{P}:5: companies[1]: must not be empty"),
    ("regions-number", {"2026/02/talks.md": edit("companies: [Ford, Xiaomi]\n", "companies: [Ford, Xiaomi]\nregions: [US, 2]\n")}, f"{P}:6: regions[1]: must be text"),
    ("tags-null-item", {"2026/02/talks.md": edit("companies: [Ford, Xiaomi]\n", "companies: [Ford, Xiaomi]\ntags:\n  - ev\n  -\n")}, f"{P}:8: tags[1]: is empty"),
    ("story-not-slug", {"2026/02/talks.md": edit("status: denied\n", "status: denied\nstory: Ford Xiaomi\n")}, f"{P}:5: story: 'Ford Xiaomi' is not a slug"),
    ("story-traversal", {"2026/02/talks.md": edit("status: denied\n", "status: denied\nstory: ../etc\n")}, f"{P}:5: story: '../etc' is not a slug"),
    ("slug-traversal", {"2026/02/talks.md": edit("status: denied\n", "status: denied\nslug: ../../index\n")}, f"{P}:5: slug: '../../index' is not a slug"),
    ("filename-not-slug", {"2026/02/Ford Talks.md": VALID}, "briefings/2026/02/Ford Talks.md:1: slug: the file name 'Ford Talks' is not a valid URL slug"),
    ("sources-missing", {"2026/02/talks.md": VALID.split("sources:")[0] + "---\nBody\n"}, f"{P}:1: sources: is required"),
    ("sources-empty", {"2026/02/talks.md": VALID.split("sources:")[0] + "sources: []\n---\nBody\n"}, f"{P}:6: sources: needs at least one source"),
    ("source-not-mapping", {"2026/02/talks.md": edit("  - name: Financial Times", "  - Financial Times")}, f"{P}:7: sources[0]: must be a mapping"),
    ("source-name-missing", {"2026/02/talks.md": edit("  - name: Financial Times", "  - title: A report")}, f"{P}:7: sources[0].name: is required"),
    ("source-url-javascript", {"2026/02/talks.md": edit("url: https://www.reuters.com/", "url: javascript:alert(1)")}, f"{P}:10: sources[1].url: must be an absolute http or https URL; its scheme is 'javascript:'"),
    ("source-url-data", {"2026/02/talks.md": edit("url: https://www.reuters.com/", "url: data:text/html,hi")}, f"{P}:10: sources[1].url: must be an absolute http or https URL; its scheme is 'data:'"),
    ("source-url-relative", {"2026/02/talks.md": edit("url: https://www.reuters.com/", "url: /news/story")}, f"{P}:10: sources[1].url: must be an absolute http or https URL; its scheme is none"),
    ("source-url-ftp", {"2026/02/talks.md": edit("url: https://www.reuters.com/", "url: ftp://example.com/x")}, f"{P}:10: sources[1].url: must be an absolute http or https URL; its scheme is 'ftp:'"),
    ("source-date-bad", {"2026/02/talks.md": edit("    url: https://www.reuters.com/", "    url: https://www.reuters.com/\n    date: 2026-13-01")}, f"{P}:11: sources[1].date: '2026-13-01' is not a date"),
    ("source-cites-itself", {"2026/02/talks.md": edit("via: Financial Times", "via: reuters")}, f"{P}:9: sources[1].via: a source cannot cite itself"),
    ("source-unknown-field", {"2026/02/talks.md": edit("    url: https://www.reuters.com/", "    url: https://www.reuters.com/\n    tilte: Report")}, f"{P}:11: sources[1].tilte: unknown field; did you mean 'title'?"),
    ("denial-statement-missing", {"2026/02/talks.md": edit("    statement: Ford called the report false.\n", "")}, f"{P}:12: denials[0].statement: is required"),
    ("denial-url-bad", {"2026/02/talks.md": edit("    statement: Ford called the report false.", "    statement: Ford called the report false.\n    url: javascript:void(0)")}, f"{P}:14: denials[0].url: must be an absolute http or https URL"),
    ("unknown-field", {"2026/02/talks.md": edit("denials:", "denails:")}, f"{P}:11: denails: unknown field; did you mean 'denials'?"),
    ("draft-not-bool", {"2026/02/talks.md": edit("status: denied\n", "status: denied\ndraft: yes\n")}, f"{P}:5: draft: must be true or false"),
    ("watch-not-list", {"2026/02/talks.md": edit("status: denied\n", "status: denied\nwatch: An announcement\n")}, f"{P}:5: watch: must be a list"),
    ("authors-mapping", {"2026/02/talks.md": edit("status: denied\n", "status: denied\nauthors:\n  - {name: Ed}\n")}, f"{P}:6: authors[0]: must be text"),
    ("duplicate-key", {"2026/02/talks.md": edit("status: denied\n", "status: denied\nstatus: confirmed\n")}, f"{P}:5: status: is given twice (first on line 4)"),
    ("duplicate-url", {"2026/02/talks.md": VALID, "2026/02/more/talks.md": VALID}, "briefings/2026/02/talks.md:3: date: publishes to /briefings/2026/02/talks/ as briefings/2026/02/more/talks.md does already"),
    ("empty-file", {"2026/02/talks.md": ""}, f"{P}:1: file: is empty"),
    ("no-front-matter", {"2026/02/talks.md": "# Ford and Xiaomi\n\nJust a body.\n"}, f"{P}:1: file: has no front matter"),
    ("front-matter-unclosed", {"2026/02/talks.md": VALID.replace("---\nBody text.", "Body text.")}, f"{P}:1: file: front matter is not closed"),
    ("front-matter-empty", {"2026/02/talks.md": "---\n---\nBody\n"}, f"{P}:1: front matter: is empty"),
    ("front-matter-list", {"2026/02/talks.md": "---\n- a\n- b\n---\nBody\n"}, f"{P}:1: front matter: must be a mapping of fields, not a list"),
    ("bad-yaml", {"2026/02/talks.md": edit("companies: [Ford, Xiaomi]", "companies: [Ford, Xiaomi")}, f"{P}:6: front matter: invalid YAML"),
    ("not-utf8", {"2026/02/talks.md": VALID.encode("utf-8").replace(b"Body text.", b"Caf\xe9")}, f"{P}:15: file: is not valid UTF-8"),
    ("not-markdown", {"2026/02/talks.txt": VALID}, "briefings/2026/02/talks.txt:1: file: is not a briefing"),
    ("alias-bomb", {"2026/02/talks.md": "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n"}, f"{P}:6: e: expands to more than 50,000 values"),
    ("deep-nesting", {"2026/02/talks.md": "---\ntitle: " + "[" * 100 + "]" * 100 + "\n---\n"}, f"{P}:2: title"),
]
