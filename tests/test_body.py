"""The writer's body can never break its briefing page (render/body.py).

MkDocs passes raw HTML in a body through, so one unclosed <textarea>, <script> or
<!-- swallows the Sources, Denials and search data after it, and a stray </div>
closes the page's own elements. safe_body shows as text what would run or
swallow (script, style, iframe, textarea, select, form, template, svg, ...),
drops event handlers and javascript: URLs, and closes what the body opened,
while Markdown's own output comes out byte for byte. fix_headings keeps body
ids off the page's section ids (## Sources -> id sources-2) and makes a body h1
an h2. Trees are read with html5lib, an HTML5 parser that builds them as
browsers do; Markdown is MkDocs' own, configured from mkdocs.yml.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autobrief.export import read_config
from autobrief.render.body import ALLOWED, INPUT_TYPES, _safe_body, safe_body
from autobrief.render.headings import PAGE_IDS, fix_headings, fix_toc, reserved_ids
from conftest import ROOT, VALID, build, make_project

PROPS = settings(max_examples=200, derandomize=True, database=None, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])

# Elements that must never exist in a page made from a body: they run, style, embed, take
# input, or parse what follows as something else.
NEVER = ["script", "style", "iframe", "textarea", "select", "option", "optgroup", "form", "button", "object",
         "embed", "applet", "template", "title", "base", "meta", "link", "noscript", "xmp", "plaintext",
         "noembed", "noframes", "frame", "frameset", "svg", "math", "marquee", "param", "dialog", "article"]


@lru_cache(maxsize=1)
def site_markdown() -> markdown.Markdown:
    """The Markdown of the site, with the extensions and options mkdocs.yml gives MkDocs."""
    config = read_config(ROOT / "mkdocs.yml")  # its !ENV tags too
    names, options = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, values),) = item.items()
            names.append(name)
            options[name] = values or {}
        else:
            names.append(item)
    return markdown.Markdown(extensions=names, extension_configs=options)


def render(text: str) -> str:
    md = site_markdown()
    md.reset()
    return md.convert(text)


def page(body_html: str) -> BeautifulSoup:
    """The body where a briefing page has it: in Material's containers and the briefing's article,
    before the page's own sections."""
    return BeautifulSoup(
        "<!DOCTYPE html><html><head><title>t</title></head><body><div class='md-container'><main class='md-main'>"
        "<div class='md-main__inner'><div class='md-content'><article class='md-content__inner'>"
        f"<article class='ab-briefing'><div class='ab-body'>{body_html}</div><section id='after'><p>tail</p>"
        "</section></article></article></div></div></main><footer id='footer'></footer></div></body></html>",
        "html5lib")


def page_problems(body_html: str) -> list[str]:
    """What is wrong with the page around ``body_html``, as a browser would build it."""
    soup = page(body_html)
    problems = []
    article = soup.find("article", class_="ab-briefing")
    outer = [e.get("class", [e.name])[0] for e in article.parents if e.name not in ("[document]",)]
    if outer != ["md-content__inner", "md-content", "md-main__inner", "md-main", "md-container", "body", "html"]:
        problems.append(f"the article is in {outer}")
    footer = soup.find("footer", id="footer")
    if footer is None or footer.parent.get("class") != ["md-container"]:
        problems.append(f"the footer is {'gone' if footer is None else 'in ' + footer.parent.name}")
    children = [c for c in article.children if getattr(c, "name", None) or str(c).strip()]
    if [getattr(c, "name", "text") for c in children] != ["div", "section"] or children[1].get("id") != "after":
        problems.append(f"the article holds {[getattr(c, 'name', str(c)) for c in children]}")
    after = soup.find("section", id="after")
    if after is None or [str(c) for c in after.contents] != ["<p>tail</p>"]:
        problems.append(f"the section after the body is {after}")  # swallowed, or formatting leaked in
    if soup.head.find_all(True) != [soup.head.title] or soup.body.find("title") or soup.body.attrs:
        problems.append("the body reached the head or the <body> element")
    body = soup.find("div", class_="ab-body")
    for element in body.find_all(NEVER):
        problems.append(f"a {element.name} element")
    for element in body.find_all(True):
        for name, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if name.startswith("on"):
                problems.append(f"{element.name} has {name}")
            url = "".join(text.split()).lower()
            if name in ("href", "src", "action", "formaction") and (url.startswith(("javascript:", "vbscript:")) or (
                    url.startswith("data:") and not (element.name == "img" and url.startswith("data:image/")))):
                problems.append(f"{element.name} {name}={text!r}")
        if element.name == "input" and element.get("type", "text").lower() not in INPUT_TYPES:
            problems.append(f"an input of type {element.get('type')!r}")
    return problems


# --- hazards: each shown as text or closed, with the page whole after it ---------------------------

HAZARDS = [
    ("unclosed-script", "<p>Before.</p>\n<script>alert(1)\n", "<p>Before.</p>\n&lt;script&gt;alert(1)\n"),
    ("script", '<script src="https://example.com/x.js"></script>',
     '&lt;script src="https://example.com/x.js"&gt;&lt;/script&gt;'),
    ("unclosed-textarea", "<textarea>\n<p>After.</p>", "&lt;textarea&gt;\n&lt;p&gt;After.&lt;/p&gt;"),
    ("style", "<style>.ab-sources{display:none}</style>", "&lt;style&gt;.ab-sources{display:none}&lt;/style&gt;"),
    ("unclosed-title", "<title>Page</title <p>x</p>", "&lt;title&gt;Page&lt;/title &lt;p&gt;x&lt;/p&gt;"),
    ("iframe", '<iframe src="https://example.com/">', '&lt;iframe src="https://example.com/"&gt;'),
    ("noscript", "<noscript><p>x</p>", "&lt;noscript&gt;&lt;p&gt;x&lt;/p&gt;"),
    ("xmp", "<xmp><b>x</b>", "&lt;xmp&gt;&lt;b&gt;x&lt;/b&gt;"),
    ("plaintext", "<plaintext>x</p>", "&lt;plaintext&gt;x&lt;/p&gt;"),
    ("noembed", "<noembed>x", "&lt;noembed&gt;x"),
    ("noframes", "<noframes>x", "&lt;noframes&gt;x"),
    ("template", "<template><p>x</p>", "&lt;template&gt;<p>x</p>"),
    ("unclosed-comment", "<p>a</p><!-- draft: <b>b</b>", "<p>a</p>&lt;!-- draft: <b>b</b>"),
    ("comment-ended-by-bang", "<!-- a --!><p>b</p>", "&lt;!-- a --!><p>b</p>"),
    ("cdata", "<![CDATA[ x > <script>alert(1)</script> ]]>",
     "&lt;![CDATA[ x &gt; &lt;script&gt;alert(1)&lt;/script&gt; ]]>"),
    ("stray-div", "<p>a</p></div></div>", "<p>a</p>"),
    ("stray-article", "</article></main><p>a</p>", "<p>a</p>"),
    ("unclosed-div", '<div class="note"><p>a', '<div class="note"><p>a</p></div>'),
    ("unclosed-table", "<table><tr><td>a", "<table><tr><td>a</td></tr></table>"),
    ("table-cells", "<table><tr><td>a<div>b<td>c</table>", "<table><tr><td>a<div>b</div></td><td>c</td></tr></table>"),
    ("unclosed-link", '<a href="https://example.com/">a', '<a href="https://example.com/">a</a>'),
    ("unclosed-bold", "<b>bold", "<b>bold</b>"),
    ("select", "<select><option>a", "&lt;select&gt;&lt;option&gt;a"),
    ("form", '<form action="https://example.com/"><input name=q><button>Go',
     '&lt;form action="https://example.com/"&gt;&lt;input name=q&gt;&lt;button&gt;Go'),
    ("event-handler", '<p onclick="alert(1)" class="x">a</p>', '<p class="x">a</p>'),
    ("javascript-url", '<a href="javascript:alert(1)">a</a>', "<a>a</a>"),
    ("javascript-url-hidden", '<a href=" Java&#x09;Script&colon;alert(1)">a</a>', "<a>a</a>"),
    ("data-url", '<a href="data:text/html,x">a</a><img src="data:image/png;base64,AA" alt="">',
     '<a>a</a><img src="data:image/png;base64,AA" alt="">'),
    ("image-handler", '<img src="x.png" onerror="alert(1)" alt="x">', '<img src="x.png" alt="x">'),
    ("svg", '<svg onload="alert(1)"><circle r="1"/></svg>', '&lt;svg onload="alert(1)"&gt;&lt;circle r="1"/&gt;&lt;/svg&gt;'),
    ("base", '<base href="https://example.com/">', '&lt;base href="https://example.com/"&gt;'),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://example.com/">',
     '&lt;meta http-equiv="refresh" content="0;url=https://example.com/"&gt;'),
    ("body-attributes", '<body onload="alert(1)">', '&lt;body onload="alert(1)"&gt;'),
    ("text-input", '<input type="text" name="q">', '&lt;input type="text" name="q"&gt;'),
    ("misnested", "<p><b>bold</p><p>after</p>", "<p><b>bold</b></p><p>after</p>"),
    ("block-in-paragraph", "<p>a<div>b</div></p>", "<p>a</p><div>b</div>"),
    ("list-items", "<ul><li>a<div><li>b</ul>", "<ul><li>a<div></div></li><li>b</li></ul>"),
    ("link-in-link", '<a href="/1">a<div><a href="/2">b', '<a href="/1">a<div></div></a><a href="/2">b</a>'),
    ("table-in-table", "<table><div><table>x", "<table><div></div></table><table>x</table>"),
    ("empty-div", "<div/>x", "<div></div>x"),
]


# Hazards a browser survives on its own (it closes or ends them where we do): written out all the
# same, so that the body's tree is the tags written and nothing after them can break it.
SURVIVED_TODAY = {"block-in-paragraph", "comment-ended-by-bang", "list-items", "table-cells"}


@pytest.mark.parametrize("case_id, html, expected", HAZARDS, ids=[case[0] for case in HAZARDS])
def test_hazard_is_shown_as_text_or_closed_and_the_page_stays_whole(case_id, html, expected):
    assert (page_problems(html) == []) == (case_id in SURVIVED_TODAY)  # the page as the build writes it today
    assert safe_body(html) == expected
    assert page_problems(expected) == []


# --- Markdown's output is kept byte for byte -----------------------------------------------------

CORPUS = {
    "headings": "# Title\n\n## The politics\n\n### Détails & more\n\nText.\n\n## The politics\n",
    "paragraphs": "Ford, according to a report by *Reuters* citing the **Financial Times**, allegedly talked.\n"
                  "A second line with `code`, a [link](https://example.com/?a=1&b=2 \"Title\") and AT&T.\n\n"
                  "Line with a break  \nafter it, an &copy; entity and 3 < 4 > 2.\n",
    "reference-links": "The [FT][1] and [Reuters][] said so.\n\n[1]: https://www.ft.com/ \"FT\"\n"
                       "[Reuters]: https://www.reuters.com/\n",
    "footnotes": "Ford denied it.[^1] Xiaomi too.[^x]\n\n[^1]: The same day.\n[^x]: In a statement.\n",
    "table": "| Company | Said | Share |\n|:--------|:----:|------:|\n| Ford | denied | 1.5% |\n| Xiaomi | *no* | 2 |\n",
    "lists": "- one\n- two\n    - nested\n\n1. first\n2. second\n\nTerm\n: Definition\n\n> A quote\n> with *em*.\n",
    "admonitions": '!!! note "Update"\n    Ford later said **more**.\n\n??? warning "Hidden"\n    Details.\n\n'
                   "???+ tip\n    Open.\n",
    "tabs": '=== "Ford"\n    Ford said no.\n\n=== "Xiaomi"\n    Xiaomi said no.\n',
    "code": "```html\n<script>alert(1)</script>\n<textarea>\n```\n\n    <!-- indented code -->\n    </div>\n\n"
            "Inline `<script>` and `</div>`.\n",
    "md-in-html": '<div class="grid" markdown>\n\nInside **md_in_html**.\n\n</div>\n\n<details markdown>\n'
                  "<summary>More</summary>\n\nText.\n\n</details>\n",
    "attr-list": "A lead paragraph.\n{: .lead #lede }\n\n## Heading {: #custom-id }\n\n![Chart](chart.png){: width=300 }\n",
    "inline-html": '<p class="dateline">BERLIN</p>\n\nPress <kbd>Ctrl</kbd>+<kbd>K</kbd>, H<sub>2</sub>O, '
                   'x<sup>2</sup>, <abbr title="Electric vehicle">EV</abbr>, <mark>new</mark>, '
                   "<span style=\"color: red\">red</span>.\n\n<!-- an editor's note -->\n\n"
                   '<figure markdown>\n![Plant](plant.jpg "Plant")\n<figcaption>The plant.</figcaption>\n</figure>\n',
    "images-and-rules": "![Logo](logo.png)\n\n---\n\n***\n\n<hr>\n<br>\n",
}


@pytest.mark.parametrize("source", CORPUS.values(), ids=CORPUS.keys())
def test_markdown_output_is_kept_byte_for_byte(source):
    html = render(source)
    assert safe_body(html) == html
    # ... and the same body with an unclosed <textarea> at its end no longer swallows the page.
    assert safe_body(html + "<textarea>") == html + "&lt;textarea&gt;"
    assert page_problems(safe_body(html + "<textarea>")) == []


def test_seed_briefing_body_as_built_is_kept_byte_for_byte(seed_site):
    raw = (seed_site.site / "briefings/2026/02/ford-xiaomi-us-talks/index.html").read_text(encoding="utf-8")
    start = raw.index('<div class="ab-body">') + len('<div class="ab-body">')
    body = raw[start:raw.index('</div><section class="ab-', start)]  # the plugin's first section after the body
    assert "<h2 id=" in body and body.count("<p>") >= 4
    assert safe_body(body) == body
    assert safe_body(body + "</div><script>") == body + "&lt;script&gt;"


BLOCKS = st.sampled_from([*CORPUS.values(), "Plain *prose* with a [link](https://example.com/).", "## A heading",
                          "- a\n- list", "1. an\n2. ordered list", "> a quote", "| a | b |\n|---|---|\n| 1 | 2 |",
                          "    an indented code block", "```\n<textarea>\n```", "***"])
HAZARD = st.sampled_from(HAZARDS)


@PROPS
@given(st.lists(BLOCKS, min_size=1, max_size=8), HAZARD)
def test_any_markdown_is_kept_and_a_hazard_after_it_is_closed(blocks, hazard):
    html = render("\n\n".join(blocks))
    case_id, bad, shown = hazard
    assert safe_body(html) == html
    assert safe_body(html + "\n" + bad) == html + "\n" + shown


# --- any HTML-ish input leaves the page whole ------------------------------------------------------

TAGS = sorted(ALLOWED) + NEVER + [
    "html", "head", "body", "main", "nav", "header", "footer", "font", "center", "nobr", "ruby", "rt", "rp",
    "image", "isindex", "listing", "menu", "dir", "area", "map", "keygen", "x-widget", "DIV", "Script", "TABLE",
    "TeXtArEa", "P", "Td", "LI"]
ATTRIBUTE_NAMES = ["id", "class", "href", "src", "srcset", "onclick", "ONLOAD", "onerror", "style", "type",
                   "name", "title", "form", "formaction", "autofocus", "data-x", "checked", 'x"y', "'q", "on"]
ATTRIBUTE_VALUES = ["x", "javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "java&#x09;script:x", "&#106;avascript:x",
                    "vbscript:x", "data:text/html,<script>", "data:image/png;base64,AA", "#sources", "radio",
                    "checkbox", "hidden", "text", "a>b", 'a"b', "a'b", "&amp;", '&quot;><script>alert(1)</script>',
                    "\x00", ""]


@st.composite
def attribute(draw) -> str:
    name, value = draw(st.sampled_from(ATTRIBUTE_NAMES)), draw(st.sampled_from(ATTRIBUTE_VALUES))
    separator = draw(st.sampled_from([" ", " ", "\n", "", "/", " / ", "\xa0"]))
    quoting = draw(st.sampled_from(["none", "double", "single", "bare"]))
    return separator + {"none": name, "double": f'{name}="{value}"', "single": f"{name}='{value}'",
                        "bare": f"{name}={value}"}[quoting]


START = st.builds(lambda tag, attributes, end: f"<{tag}{''.join(attributes)}{end}",
                  st.sampled_from(TAGS), st.lists(attribute(), max_size=3), st.sampled_from([">", ">", "/>", " >", ""]))
END = st.builds(lambda tag, end: f"</{tag}{end}", st.sampled_from(TAGS), st.sampled_from([">", ">", " >", " x=y>", ""]))
TEXT = st.sampled_from(["text", "a < b", "<", "&", "&amp;", "&#", "&#x;", "&#60;script&#62;", "\x00", "\r\n", "AT&T",
                        " ", "\n\n", ">", "<3", "< /p>", "]]>", "-->", "--!>"])
MARKUP = st.sampled_from(["<!--x-->", "<!--", "<!-->", "<!--->", "<!-- a --!>", "<!-- a -- >", "<!--<!--x-->",
                          "<!---->", "<!-- <script>x</script> -->", "<!DOCTYPE html>", "<![CDATA[x]]>",
                          "<![CDATA[ a > <script>alert(1)</script> ]]>", "<?php echo 1 ?>", "</>", "</ x>", "<!x>",
                          "<a", "<a href='x", "<!", "</", "<![if x]>", "<![foo["])
FRAGMENTS = st.lists(st.one_of(START, START, START, END, END, TEXT, MARKUP), max_size=30).map("".join)


@PROPS
@given(FRAGMENTS)
def test_any_fragments_leave_the_page_whole(html):
    out = safe_body(html)
    assert page_problems(out) == [], (html, out)
    assert safe_body(out) == out  # what it writes, it keeps
    assert out == _safe_body(html)  # the quick reading of plain HTML agrees with html.parser's


def test_pathological_bodies_take_linear_time():
    for bad, shown in [("<!--" * 20_000, "&lt;!--"), ("<a/" * 20_000, "&lt;a/"), ("</" * 20_000, "&lt;/"),
                       ("<a/" * 20_000 + ">", "<a></a>"), ("<a x='y'=" * 5_000 + ">", '<a x="y"></a>')]:
        began = time.perf_counter()
        out = safe_body("<p>a</p>" + bad)
        assert time.perf_counter() - began < 5, bad[:10]
        assert out.startswith("<p>a</p>" + shown) and page_problems(out) == [], bad[:10]


# --- Task 2: body headings --------------------------------------------------------------------

def ids_of(html: str) -> list[str]:
    return [element["id"] for element in BeautifulSoup(html, "html5lib").find_all(id=True)]


def test_body_headings_named_like_page_sections_get_ids_of_their_own():
    source = "\n\n".join(f"## {title}\n\nText under {title}." for title in
                         ["Sources", "Denials", "What to watch", "Watch", "About", "Claim", "In this story",
                          "Story", "Related briefings", "Related", "Briefing title", "Source 1", "Background"])
    source += "\n\nSee [the sources](#sources) and [the claim](#claim) and [outside](#denials-issued)."
    html = render(source)
    reserved = reserved_ids(2)
    before = ids_of(html)
    clashing = [i for i in before if i in reserved]
    assert {"sources", "denials", "watch", "about", "claim", "story", "related", "briefing-title", "source-1"} \
        <= set(clashing)  # what the page has today: the same ids twice

    fixed, renames = fix_headings(html, reserved)
    assert renames == {i: f"{i}-2" for i in clashing}
    after = ids_of(fixed)
    assert after == [renames.get(i, i) for i in before] and not set(after) & reserved
    soup = BeautifulSoup(fixed, "html5lib")
    for old, new in renames.items():
        heading = soup.find(id=new)
        assert heading.find("a", class_="headerlink")["href"] == f"#{new}"
    assert [a["href"] for a in soup.find_all("a", class_=False)] == ["#sources-2", "#claim-2", "#denials-issued"]
    assert BeautifulSoup(fixed, "html5lib").get_text() == BeautifulSoup(html, "html5lib").get_text()


def test_a_title_heading_in_the_body_becomes_an_h2():
    html = render("# Ford and Xiaomi\n\nText.\n\n## Background\n")
    fixed, renames = fix_headings(html, reserved_ids(1))
    assert renames == {}
    assert fixed == ('<h2 id="ford-and-xiaomi">Ford and Xiaomi<a class="headerlink" href="#ford-and-xiaomi" '
                     'title="Permanent link">&para;</a></h2>\n<p>Text.</p>\n<h2 id="background">Background'
                     '<a class="headerlink" href="#background" title="Permanent link">&para;</a></h2>')


def test_a_renamed_id_skips_the_ids_the_body_already_has():
    html = render("## Sources\n\n## Sources 2\n\n## Sources 3\n")
    assert ids_of(html) == ["sources", "sources-2", "sources-3"]
    fixed, renames = fix_headings(html, {"sources"})
    assert renames == {"sources": "sources-4"} and ids_of(fixed) == ["sources-4", "sources-2", "sources-3"]


def test_ids_in_inline_html_and_what_refers_to_them_follow():
    html = ('<div id="about"><label for="about">x</label><p aria-labelledby="about other">y</p></div>'
            "<p><a href='#about'>up</a> <a href=\"#about-us\">other</a></p>")
    fixed, renames = fix_headings(html, PAGE_IDS)
    assert renames == {"about": "about-2"}
    assert fixed == ('<div id="about-2"><label for="about-2">x</label><p aria-labelledby="about-2 other">y</p>'
                     "</div><p><a href=\"#about-2\">up</a> <a href=\"#about-us\">other</a></p>")


@dataclass
class Entry:
    """What MkDocs' AnchorLink has that the table of contents is made of."""
    id: str
    level: int
    children: list = field(default_factory=list)


def entries(tokens: list[dict]) -> list[Entry]:
    return [Entry(t["id"], t["level"], entries(t["children"])) for t in tokens]


def flat(items) -> list[tuple[str, int]]:
    return [pair for item in items for pair in [(item.id, item.level), *flat(item.children)]]


def test_fix_toc_renames_and_makes_the_h1_an_h2_with_its_sections_beside_it():
    toc = [Entry("title", 1, [Entry("intro", 3), Entry("sources", 2, [Entry("deep", 3)]), Entry("more", 2)]),
           Entry("claim", 2)]
    fix_toc(toc, {"sources": "sources-2", "claim": "claim-2"})
    assert toc == [Entry("title", 2, [Entry("intro", 3)]), Entry("sources-2", 2, [Entry("deep", 3)]),
                   Entry("more", 2), Entry("claim-2", 2)]


TITLES = st.sampled_from(["Sources", "Denials", "Watch", "What to watch", "About", "Claim", "Story", "Related",
                          "Briefing title", "Source 1", "Source 2", "Sources 2", "Sources-2", "Background", "Why"])


@PROPS
@given(st.lists(st.tuples(st.integers(1, 4), TITLES), min_size=1, max_size=10), st.integers(0, 3))
def test_fixed_headings_have_unique_free_ids_and_every_link_lands(headings, sources):
    source = "\n\n".join(f"{'#' * level} {title}\n\n[back](#{title.lower().replace(' ', '-')})"
                         for level, title in headings)
    html = render(source)
    md = site_markdown()
    reserved = reserved_ids(sources)
    fixed, renames = fix_headings(html, reserved)
    soup = BeautifulSoup(fixed, "html5lib")
    ids = ids_of(fixed)
    assert len(ids) == len(set(ids)) == len(ids_of(html)) and not set(ids) & reserved
    assert soup.find("h1") is None
    assert set(renames) == set(ids_of(html)) & reserved
    links_before = [a["href"][1:] for a in BeautifulSoup(html, "html5lib").find_all("a", href=True)]
    links_after = [a["href"][1:] for a in soup.find_all("a", href=True)]
    assert links_after == [renames.get(target, target) for target in links_before]
    toc = entries(md.toc_tokens)
    fix_toc(toc, renames)
    assert flat(toc) == [(h["id"], int(h.name[1])) for h in soup.find_all(["h2", "h3", "h4"])]


# --- the built page ----------------------------------------------------------------------------------

def test_built_briefing_page_keeps_its_sections_whatever_the_body(tmp_path):
    body = ("# A title in the body\n\nFirst paragraph.\n\n## Sources\n\nSee [the sources](#sources).\n\n"
            '<div class="note"><p onclick="alert(1)">Note\n\n</div></div></article>\n\n'
            "<select><option>x\n\n<!-- draft\n\n<textarea>\n\nThe end.\n")
    project = make_project(tmp_path, {"2026/02/hazards.md": VALID.replace("Body text.\n", body)})
    result = build(project)
    assert result.ok, result.output
    soup = BeautifulSoup((result.site / "briefings/2026/02/hazards/index.html").read_text(encoding="utf-8"),
                         "html5lib")
    article = soup.find("article", class_="ab-briefing")
    body_div = article.find("div", class_="ab-body", recursive=False)
    assert body_div is not None and body_div.find_next_sibling().name == "section"
    assert [s["class"][0] for s in article.find_all("section", recursive=False)] == ["ab-sources", "ab-denials", "ab-about"]
    assert len(soup.find_all("h1")) == 1 and soup.h1["id"] == "briefing-title"
    assert len(soup.select("#sources")) == 1 and soup.select_one("#sources").parent["class"] == ["ab-sources"]
    assert body_div.find_all(NEVER) == [] and not body_div.select("[onclick]")
    toc = [a["href"] for a in soup.select(".md-sidebar--secondary .md-nav__link")]
    assert "#sources-2" in toc and toc.count("#sources") == 1
