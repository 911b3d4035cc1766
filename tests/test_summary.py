"""The automatic summary is the text a reader sees of the body's first paragraph (core/summary.py).

The old summary rendered the first block alone, so reference links, footnote
markers and attribute lists showed raw, and a body that began with an image,
a rule or a link definition had no summary at all. summary_of reads the
paragraph from the body rendered as a whole; a short cut renders only the
first paragraph when it can vouch for the same text, and a property test holds
it to that.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autobrief.core.summary import full_summary_of, summary_of

PROPS = settings(max_examples=200, derandomize=True, database=None, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])

LONG = "that Ford and Xiaomi had talked about *electric cars* in the US " * 10

CASES = [
    ("reference-links",
     'The [Financial Times][ft] reported, and [Reuters][1] relayed, that Ford talked.\n\n'
     '[ft]: https://www.ft.com/\n[1]: https://www.reuters.com/ "Reuters"\n',
     "The Financial Times reported, and Reuters relayed, that Ford talked."),
    ("reference-link-defined-at-the-end",
     "The [FT][] said so.\n\n## Background\n\nMore.\n\n[FT]: https://www.ft.com/\n",
     "The FT said so."),
    ("footnotes",
     "Ford denied the report.[^1] Xiaomi did too.[^xiaomi]\n\n[^1]: On 2 February.\n[^xiaomi]: In a statement.\n",
     "Ford denied the report. Xiaomi did too."),
    ("attribute-list", "Ford and Xiaomi denied it.\n{: .lead }\n", "Ford and Xiaomi denied it."),
    ("image-first", "![Ford's plant](plant.jpg)\n\nFord denied it.\n", "Ford denied it."),
    ("image-paragraph-first", "![Plant](plant.jpg) ![Logo](logo.png)\n\nFord denied it.\n", "Ford denied it."),
    ("rule-first", "***\n\nFord denied it.\n", "Ford denied it."),
    ("link-definition-first", "[ft]: https://www.ft.com/\n\nThe [FT][ft] said so.\n", "The FT said so."),
    ("admonition-first", '!!! note "Update"\n\n    Ford later confirmed the talks.\n\nFord denied it.\n',
     "Ford denied it."),
    ("details-first", '??? note "Update"\n\n    Ford later confirmed the talks.\n\nFord denied it.\n',
     "Ford denied it."),
    ("html-block-first", '<div class="note">\n\nAn editor\'s note.\n\n</div>\n\nFord denied it.\n', "Ford denied it."),
    ("setext-heading-first", "Background\n==========\n\nFord denied it.\n", "Ford denied it."),
    ("code-first", "```\nconfig = 1\n\nmore = 2\n```\n\nFord denied it.\n", "Ford denied it."),
    ("indented-code-first", "    indented code\n\nFord denied it.\n", "Ford denied it."),
    ("definition-term-first", "Ford\n\n: An American carmaker.\n\nFord denied it.\n", "Ford denied it."),
    ("script-in-paragraph", "Ford denied <script>alert(1)</script>it.\n", "Ford denied it."),
    ("controls-and-entities",
     "Ford\u202e denied\u0007 it\u2028 today\u00a0\u2014\u200e fully. AT&amp;T &mdash; &#8220;not&#8221;.\n",
     "Ford denied it today \u2014 fully. AT&T \u2014 \u201cnot\u201d."),
]


@pytest.mark.parametrize("body, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_summary_is_the_text_a_reader_sees(body, expected):
    assert summary_of(body) == expected
    assert full_summary_of(body) == expected


def test_very_long_paragraph_is_cut_on_a_word_with_an_ellipsis():
    body = f"The [FT][1] reported {LONG}\n\n[1]: https://www.ft.com/\n"
    text = "The FT reported " + LONG.replace("*", "").strip()
    words, kept = text.split(" "), []
    while len(" ".join(kept + words[len(kept):len(kept) + 1])) <= 399:
        kept.append(words[len(kept)])
    assert summary_of(body) == " ".join(kept) + "…"
    assert len(summary_of(body)) <= 400 and summary_of(body, limit=40) == "The FT reported that Ford and Xiaomi…"


def test_a_body_with_no_prose_has_no_summary():
    assert summary_of("") == ""
    assert summary_of("\n\n   \n") == ""
    assert summary_of("## Only a heading\n\n![image](x.png)\n\n- a list\n\n> a quote\n\n| a |\n|---|\n| 1 |\n") == ""
    assert summary_of('!!! note\n\n    Only an aside.\n') == ""  # the old summary took the aside as code
    assert summary_of("[^1]: A footnote.\n\n    Its second paragraph.\n") == ""


# --- the short cut gives what the whole render gives -------------------------------------------------

BEFORE = st.sampled_from([
    "", "## Heading", "# Title", "#hashtag", " # not a heading", "***", "- - -", "___", "![img](x.png)",
    '![img](x.png "t")', "[1]: https://www.ft.com/", "[^1]: A note.", "!!! note\n    An aside.", "??? tip\n    More.",
    "```\ncode\n\nmore\n```", "    code", "<div>\n\nhtml\n\n</div>", "Term\n\n: definition", "| a | b |\n|---|---|\n| 1 | 2 |",
    "> quote", "- item", "1. item", "Setext\n---", "{: .x }", "<!-- c -->", "=== \"Tab\"\n    In a tab.",
    '!!! note "Update"\n\n    Continued.', "!!! warning\n    One.\n\n    Two.\n\n\tThree.", "!!! note\nNot indented.",
    "???+ note\n    ```\n    code\n\n    more\n    ```", "!!! note\n    <div>\n\n    </div>", "!!!note\n    No space.",
    "    Indented after.", "!!! note\n    - a list\n\n        nested", "!!! note\n    [1]: https://in.aside/",
])
PLAIN = st.sampled_from(["Ford", "denied", "it.", "Xiaomi", "said", "on", "Monday,", "2026.", "(reported)", "“quoted”",
                         "-5%", "said:", "U.S.", "l'usine", "日本"])
WORD = st.one_of(PLAIN, PLAIN, PLAIN, st.sampled_from([
    "*em*", "**strong**", "`code`", "[FT][1]", "[Reuters][]", "[ft]", "[link](https://x.org/)",
    "[^1]", "[^missing]", "![img](y.png)", "AT&amp;T", "AT&T", "a < b", "<b>raw</b>", "\\*escaped\\*", "_under_",
    "snake_case", "3 * 4", "x | y", "said:", "\u202e", "\x07", "\u2028", "\t", "2026.", "-5%", "“quoted”", "\\",
    "<https://auto.link/>", "{: .lead }", "===", "#tag", "~~~", "&#8220;", "[sic]:",
]))
LINE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
AFTER = st.sampled_from([
    "", "[1]: https://www.ft.com/", '[Reuters]: https://www.reuters.com/ "R"', "[ft]: <https://ft.com/>",
    "[^1]: The note.", ": a definition", "    code", "## Heading", "[1]:\n  https://next.line/",
    "```\n[1]: https://in.code/\n```", "> [1]: https://quoted/", "- item\n  [1]: https://in.list/",
    "    [1]: https://indented/", "<div>\n[1]: https://in.html/\n</div>", "More prose.", "[FT]: https://ft.com/ 'FT'",
])


@PROPS
@given(st.lists(BEFORE, max_size=3), PARAGRAPH, st.lists(AFTER, max_size=4), st.sampled_from([400, 60, 12]))
def test_the_short_cut_gives_the_text_of_the_whole_body_rendered(before, paragraph, after, limit):
    body = "\n\n".join(block for block in [*before, paragraph, *after] if block)
    assert summary_of(body, limit) == full_summary_of(body, limit)


CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@PROPS
@given(st.lists(BEFORE, max_size=2), PARAGRAPH, st.lists(AFTER, max_size=2), st.integers(2, 400))
def test_a_summary_is_one_clean_line_within_its_limit(before, paragraph, after, limit):
    text = summary_of("\n\n".join([*before, paragraph, *after]), limit)
    assert len(text) <= limit
    assert not CONTROLS.search(text) and text == " ".join(text.split())
