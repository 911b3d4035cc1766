"""The published JSON Schema is the model's own, and the seed briefing satisfies it."""

from __future__ import annotations

import json

import jsonschema

from autobrief.core import load_corpus
from autobrief.core.schema import json_schema, json_schema_text
from conftest import ROOT


def test_committed_schema_is_generated_from_the_model():
    committed = (ROOT / "docs/schema/briefing.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "run: make schema"


def test_seed_front_matter_validates_against_the_schema():
    corpus = load_corpus(ROOT / "briefings", base=ROOT)
    assert corpus.ok and corpus.briefings
    validator = jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())
    for briefing in corpus.briefings:
        data = json.loads(briefing.front.model_dump_json(exclude_defaults=True))
        errors = list(validator.iter_errors(data))
        assert not errors, errors


def test_schema_rejects_what_the_model_rejects():
    validator = jsonschema.Draft202012Validator(json_schema())
    base = {"title": "T", "date": "2026-02-02", "status": "denied", "sources": [{"name": "FT"}]}
    assert validator.is_valid(base)
    for bad in (
        {**base, "status": "deniedd"},
        {**base, "denails": []},
        {**base, "sources": []},
        {**base, "sources": [{"name": "FT", "url": "javascript:alert(1)"}]},
        {**base, "story": "../etc"},
        {**base, "summary": "x" * 401},
        {k: v for k, v in base.items() if k != "title"},
    ):
        assert not validator.is_valid(bad), bad


def test_writers_guide_reference_is_generated_from_the_schema(seed_site):
    from autobrief.core.model import DENIAL_FIELDS, FIELDS, SOURCE_FIELDS

    page = seed_site.page("writing/")
    schema = json_schema()
    for anchor, fields, spec in (("front-matter", FIELDS, schema),
                                 ("source", SOURCE_FIELDS, schema["$defs"]["Source"]),
                                 ("denial", DENIAL_FIELDS, schema["$defs"]["Denial"])):
        rows = page.select(f"#ref-{anchor} + table tbody tr")
        assert [r.select_one("code").get_text() for r in rows] == list(fields)
        required = {r.select_one("code").get_text() for r in rows if r.select("td")[2].get_text() == "yes"}
        assert required == set(spec.get("required", []))
    assert "<!-- briefings:reference -->" not in str(page)


def test_a_watch_items_by_is_as_long_in_the_schema_as_in_the_model():
    """`by` is YYYY/MM/ and a slug of at most 200 characters: 208 passes both, 209 neither."""
    import jsonschema

    from autobrief.core.model import FrontMatter

    schema = json.loads((ROOT / "docs/schema/briefing.json").read_text(encoding="utf-8"))
    base = {"title": "T", "date": "2026-02-02", "status": "denied", "sources": [{"name": "FT"}]}
    for length, ok in ((200, True), (201, False)):
        front = {**base, "watch": [{"item": "x", "by": "2026/02/" + "a" * length}]}
        schema_ok = jsonschema.Draft202012Validator(schema).is_valid(front)
        try:
            FrontMatter.model_validate(front)
            model_ok = True
        except Exception:
            model_ok = False
        assert schema_ok is model_ok is ok, (length, schema_ok, model_ok)


# Registries (contract v1.1) ------------------------------------------------------------------

REGISTRY_SCHEMAS = {"company": "schema/registry/companies.json", "source": "schema/registry/outlets.json",
                    "story": "schema/registry/stories.json", "author": "schema/registry/authors.json"}


def test_every_published_schema_is_generated_from_its_model():
    from autobrief.core.registry import FILES
    from autobrief.core.schema import published_schema_texts

    texts = published_schema_texts()
    assert set(texts) == {"schema/briefing.json", *REGISTRY_SCHEMAS.values()}
    assert set(REGISTRY_SCHEMAS) == set(FILES)
    for path, text in texts.items():
        committed = ROOT / "docs" / path
        assert committed.exists(), f"{path} is not published: run: make schema"
        assert committed.read_text(encoding="utf-8") == text, f"{path} drifted: run: make schema"
    # nothing stale: every JSON file under docs/schema/ is one the models generate
    published = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs/schema").rglob("*.json")}
    assert published == set(texts)


def test_registry_schemas_are_valid_and_sit_beside_the_briefing_schema():
    from autobrief.core.schema import SCHEMA_ID, published_schemas

    base = SCHEMA_ID.removesuffix("schema/briefing.json")
    for path, schema in published_schemas().items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == base + path
    for path in REGISTRY_SCHEMAS.values():
        schema = published_schemas()[path]
        assert schema["propertyNames"]["pattern"] == r"^[a-z0-9]+(-[a-z0-9]+)*(?![\s\S])"
        # every pattern ends at the end of the text as ECMA-262 and Python both read it, never with `$`
        patterns = []

        def walk(node):
            if isinstance(node, dict):
                patterns.extend(v for k, v in node.items() if k == "pattern" and isinstance(v, str))
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(schema)
        assert patterns and not [p for p in patterns if p.endswith("$")], path


_GOOD_LEI = "20S05OYHG0MQM4VUIC57"  # Ford's: its check digits are valid
_XIAOMI = {"name": "Xiaomi", "aliases": ["Xiaomi Corp", "Xiaomi Corporation", "小米"], "wikidata": "Q1636958",
           "country": "CN", "website": "https://www.mi.com/",
           "description": "Consumer-electronics maker that builds the SU7 electric car."}
# (kind, the file's data, valid?). Only what a schema can express: an LEI's check digits (ISO 7064),
# a name's byte length as a page address, an alias naming two entries, a parent that names no
# company or makes a cycle are checked by the build alone, so no case here depends on them.
REGISTRY_CASES = [
    ("company", {"xiaomi": _XIAOMI}, True),
    ("company", {"ford": {"name": "Ford", "lei": _GOOD_LEI, "country": "US"}, "ford-credit": {"parent": "ford"}},
     True),
    ("company", {"xiaomi": None}, True),  # `xiaomi:` alone: an entry with no fields yet
    ("company", None, True),  # an empty file, or only comments
    ("company", {"xiaomi": {**_XIAOMI, "lei": "254900"}}, False),  # LEI too short
    ("company", {"xiaomi": {**_XIAOMI, "lei": "20s05oyhg0mqm4vuic57"}}, False),  # LEI in lowercase
    ("company", {"xiaomi": {**_XIAOMI, "lei": "20S05OYHG0MQM4VUICAB"}}, False),  # LEI not ending in 2 digits
    ("company", {"Xiaomi": _XIAOMI}, False),  # a key in capitals
    ("company", {"xiaomi corp": _XIAOMI}, False),  # a key with a space
    ("company", {"xiaomi--corp": _XIAOMI}, False),  # a key with a double hyphen
    ("company", {"-xiaomi": _XIAOMI}, False),
    ("company", {"xiaomi\n": _XIAOMI}, False),  # a final newline: the end of text is not `$`
    ("company", {"xiaomi": {**_XIAOMI, "ticker": "1810.HK"}}, False),  # an unknown field
    ("company", {"xiaomi": {**_XIAOMI, "website": "ftp://www.mi.com/"}}, False),  # not http
    ("company", {"xiaomi": {**_XIAOMI, "website": "www.mi.com"}}, False),  # relative
    ("company", {"xiaomi": {**_XIAOMI, "website": "javascript:alert(1)"}}, False),
    ("company", {"xiaomi": {**_XIAOMI, "country": "XX"}}, False),  # not in ISO 3166-1
    ("company", {"xiaomi": {**_XIAOMI, "country": "UK"}}, False),  # the United Kingdom is GB
    ("company", {"xiaomi": {**_XIAOMI, "country": "cn"}}, False),
    ("company", {"xiaomi": {**_XIAOMI, "country": "CHN"}}, False),  # alpha-3
    ("company", {"xiaomi": {**_XIAOMI, "wikidata": "1636958"}}, False),
    ("company", {"xiaomi": {**_XIAOMI, "wikidata": "Q0"}}, False),
    ("company", {"xiaomi": {**_XIAOMI, "wikidata": "Q1636958\n"}}, False),
    ("company", {"xiaomi": {**_XIAOMI, "aliases": "Xiaomi Corp"}}, False),  # a list, not one name
    ("company", {"xiaomi": {**_XIAOMI, "name": "   "}}, False),  # shows nothing
    ("company", {"xiaomi": {**_XIAOMI, "parent": "Ford"}}, False),  # a parent is a key
    ("company", {"xiaomi": "Xiaomi"}, False),  # an entry is a mapping
    ("company", ["xiaomi"], False),  # a file is a mapping
    ("source", {"financial-times": {"name": "Financial Times", "aliases": ["FT"], "country": "GB",
                                    "website": "https://www.ft.com/"}}, True),
    ("source", {"reuters": None}, True),
    ("source", {"reuters": {"lei": _GOOD_LEI}}, False),  # outlets have no LEI
    ("source", {"reuters": {"parent": "thomson-reuters"}}, False),  # nor a parent
    ("source", {"reuters": {"country": "EU"}}, False),  # reserved, not a country
    ("source", {"reuters": {"website": "reuters.com"}}, False),
    ("source", {"Reuters": {}}, False),
    ("story", {"ford-xiaomi-us-talks": {"title": "Ford and Xiaomi talks", "summary": "Both denied them."}}, True),
    ("story", {"ford-xiaomi-us-talks": {"title": "Ford and Xiaomi talks"}}, True),
    ("story", {"ford-xiaomi-us-talks": {"summary": "Both denied them."}}, False),  # no title
    ("story", {"ford-xiaomi-us-talks": None}, False),  # no title either
    ("story", {"ford-xiaomi-us-talks": {"title": "x" * 201}}, False),  # more than 200 characters
    ("story", {"ford-xiaomi-us-talks": {"title": "T", "summary": "x" * 401}}, False),
    ("story", {"ford-xiaomi-us-talks": {"title": "T", "url": "https://example.com/"}}, False),
    ("story", {"ford_xiaomi": {"title": "T"}}, False),
    ("author", {"editor": {"name": "Editor", "description": "The desk's editor.",
                           "url": "https://briefings.example.com/about/"}}, True),
    ("author", {"editor": {"description": "The desk's editor."}}, False),  # no name
    ("author", {"editor": {"name": "Editor", "url": "mailto:editor@example.com"}}, False),
    ("author", {"editor": {"name": "Editor", "email": "editor@example.com"}}, False),
]


def _model_accepts(kind: str, data, tmp_path) -> bool:
    """The build's verdict: load_registry reads the file with no error."""
    import yaml

    from autobrief.core.registry import FILES, load_registry

    folder = tmp_path / kind
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILES[kind]).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return not load_registry(folder).errors


def test_registry_schemas_agree_with_the_models(tmp_path):
    from autobrief.core.schema import published_schemas

    schemas = published_schemas()
    for i, (kind, data, valid) in enumerate(REGISTRY_CASES):
        schema_ok = jsonschema.Draft202012Validator(schemas[REGISTRY_SCHEMAS[kind]]).is_valid(data)
        model_ok = _model_accepts(kind, data, tmp_path / str(i))
        assert schema_ok is model_ok is valid, (kind, data, schema_ok, model_ok)


def test_the_projects_registry_validates_against_the_schemas():
    from autobrief.core.reader import decode
    from autobrief.core.registry import FILES, load_registry
    from autobrief.core.yamlsafe import load_yaml

    folder = ROOT / "registry"
    found = [kind for kind, name in FILES.items() if (folder / name).exists()]
    assert {"company", "source", "story"} <= set(found)
    for kind in found:
        file = folder / FILES[kind]
        text = decode(file.read_bytes())
        schema = json.loads((ROOT / "docs" / REGISTRY_SCHEMAS[kind]).read_text(encoding="utf-8"))
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(load_yaml(text).data))
        assert not errors, (file.name, errors)
        # the editor's modeline points at the published schema, relative to the file
        modeline = next(line for line in text.splitlines() if line.startswith("# yaml-language-server:"))
        target = modeline.partition("$schema=")[2].strip()
        assert (folder / target).resolve() == (ROOT / "docs" / REGISTRY_SCHEMAS[kind]).resolve(), modeline
        assert text.startswith("# ")  # a comment saying what the file is
    registry = load_registry(folder)
    assert not registry.errors, registry.errors
    stories = {b.story for b in load_corpus(ROOT / "briefings", base=ROOT).briefings if b.story}
    assert not registry.unused_stories(stories)
    assert registry.resolve("company", "Xiaomi Corporation").key == "xiaomi"
    assert registry.resolve("source", "FT").key == "financial-times"
