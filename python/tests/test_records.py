"""Records from Python are the command's records, and offsets index Python str."""

from __future__ import annotations

import random

import pytest

import depeche
from conftest import CORPUS

# Settings as Pipeline arguments and as the command's flags.
SETTINGS = [
    ({}, []),
    ({"offsets": "bytes"}, ["--offsets", "bytes"]),
    ({"offsets": "utf16", "locale": "fr-CA"}, ["--offsets", "utf16", "--locale", "fr-CA"]),
    ({"kinds": ["money", "person"]}, ["--kinds", "money,person"]),
    ({"kinds": "percent,place", "locale": "fr_be"}, ["--kinds", "percent,place", "--locale", "fr-BE"]),
    ({"model": False}, ["--no-model"]),
]


@pytest.mark.parametrize("kwargs,flags", SETTINGS, ids=lambda v: repr(v))
def test_corpus_records_equal_the_commands(cli, corpus_files, kwargs, flags):
    expected = cli("extract", "-q", *flags, str(CORPUS))
    nlp = depeche.Pipeline(**kwargs)
    pairs = [(str(f.relative_to(CORPUS)), f.read_bytes()) for f in corpus_files]
    got = list(nlp.extract_many(pairs, jobs=2))
    assert [r["id"] for r in got] == [r["id"] for r in expected]
    for g, e in zip(got, expected):
        assert g == e, g["id"]
        # Same keys in the same order, at every level.
        assert list(g) == list(e)
        assert [list(x) for x in g["entities"]] == [list(x) for x in e["entities"]]
    # str input, one at a time, gives the same records (the corpus is UTF-8).
    for f, e in zip(corpus_files, expected):
        assert nlp.extract(f.read_text(encoding="utf-8"), id=e["id"]) == e


def test_user_lexicon_records_equal_the_commands(cli, corpus_files, tmp_path):
    lexicon = tmp_path / "lexicon"
    lexicon.mkdir()
    (lexicon / "organizations.tsv").write_text("Banque des Fleurs\tbank\tBDF\n", encoding="utf-8")
    (lexicon / "first_names.txt").write_text("Zébulon\n", encoding="utf-8")
    text = "Zébulon Martin, patron de la BDF, a prêté 3 millions d’euros.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    expected = cli("extract", "-q", "--lexicon", str(lexicon), "a.txt", cwd=tmp_path)
    nlp = depeche.Pipeline(lexicon_dir=lexicon)
    got = nlp.extract(text, id="a.txt")
    assert got == expected[0]
    kinds = {e["text"]: e["kind"] for e in got["entities"]}
    assert kinds.get("BDF") == "organization" and kinds.get("Zébulon Martin") == "person", got
    assert nlp.lexicon_dir == lexicon


def test_user_rules_records_equal_the_commands(cli, corpus_files):
    rules = CORPUS.parent / "fixtures" / "rules" / "newsroom.toml"
    expected = cli("extract", "-q", "--rules", str(rules), str(CORPUS))
    nlp = depeche.Pipeline(rules=rules)
    pairs = [(str(f.relative_to(CORPUS)), f.read_bytes()) for f in corpus_files]
    assert list(nlp.extract_many(pairs)) == expected
    user = {e["kind"] for r in expected for e in r["entities"]} - {"person", "organization", "place", "money", "percent"}
    assert user, "the rule file finds none of its kinds in the corpus"
    # kinds may name the rule file's kinds, as --kinds does.
    kind = sorted(user)[0]
    only = depeche.Pipeline(rules=[rules], kinds=[kind])
    assert list(only.extract_many(pairs)) == cli("extract", "-q", "--rules", str(rules), "--kinds", kind, str(CORPUS))
    assert only.rules == [rules] and only.kinds == [kind]
    with pytest.raises(depeche.DepecheError, match="nowhere.toml"):
        depeche.Pipeline(rules="nowhere.toml")


def test_decoded_bytes_and_error_records_equal_the_commands(cli, tmp_path):
    files = {
        "latin.txt": "Le CAC 40 a gagné 2,5 % à Paris ; l’État a versé 12 000 €.".encode("windows-1252"),
        "utf16.txt": "\ufeffAirbus a livré 766 avions.".encode("utf-16-le"),
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "nul.txt": b"abc\x00def",
        "empty.txt": b"",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    expected = cli("extract", "-q", str(tmp_path))
    got = list(depeche.Pipeline().extract_many(sorted(files.items())))
    assert got == expected
    assert {r["id"]: r.get("error", {}).get("kind") for r in got} == {
        "empty.txt": None,
        "image.txt": "binary",
        "latin.txt": None,
        "nul.txt": "binary",
        "utf16.txt": None,
    }
    assert next(r for r in got if r["id"] == "latin.txt")["encoding"] == "windows-1252"


# Fragments rich in what offsets get wrong: accents (composed and not),
# emoji outside the BMP, no-break spaces, apostrophes, guillemets.
FRAGMENTS = [
    "Zoé Dupont", "Émilie Lefèvre", "Ze\u0301lie Martin", "😀", "🇫🇷", "1\u202f234,56\u00a0€", "40\u00a0%",
    "40\u202f%", "l’État", "l'Insee", "« Airbus »", "a gagné", "Renault", "à Paris", "3,5 milliards de dollars",
    "Luca de Meo", "PDG de Stellantis", ".", ",", " ", "\n", "\u00a0", "\t", "—", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Québec", "5 $",
]


def check_offsets(text: str, record: dict) -> None:
    assert record["length"] == len(text)
    for start, end in record["sentences"]:
        assert 0 <= start <= end <= len(text)
    for e in record["entities"]:
        assert text[e["start"]:e["end"]] == e["text"], (text, e)


def test_offsets_index_python_str():
    text = "Zoé Dupont 😀 a vendu pour 1\u202f234,56\u00a0€ ; Émilie Lefèvre (« Airbus ») vise 40\u202f%."
    record = depeche.extract(text)
    found = [e["text"] for e in record["entities"]]
    # Names and figures after an emoji and non-BMP characters, with their no-break spaces.
    for expected in ["Zoé Dupont", "1\u202f234,56\u00a0€", "Émilie Lefèvre", "40\u202f%"]:
        assert expected in found, record
    check_offsets(text, record)


def test_offsets_on_random_texts_in_every_unit():
    rng = random.Random(15)
    texts = ["".join(rng.choice(FRAGMENTS) + rng.choice(["", " "]) for _ in range(rng.randrange(1, 40)))
             for _ in range(300)]
    by_unit = {u: depeche.Pipeline(offsets=u) for u in ("chars", "bytes", "utf16")}
    found = 0
    for text, record in zip(texts, by_unit["chars"].extract_many(texts)):
        check_offsets(text, record)
        found += len(record["entities"])
    assert found > 300  # the fragments do make entities
    for text in texts[:60]:
        utf8, utf16 = text.encode("utf-8"), text.encode("utf-16-le")
        for e in by_unit["bytes"].extract(text)["entities"]:
            assert utf8[e["start"]:e["end"]].decode("utf-8") == e["text"]
        for e in by_unit["utf16"].extract(text)["entities"]:
            assert utf16[2 * e["start"]:2 * e["end"]].decode("utf-16-le") == e["text"]


def test_decimal_helper_keeps_every_digit():
    record = depeche.extract("Le groupe a levé 1,2 milliard d’euros et vise 0,1 % de plus ; 12,345 M$ restent.")
    money = [e for e in record["entities"] if "value" in e]
    assert all(isinstance(e["value"], str) for e in money)
    exact = depeche.with_decimals(record)
    from decimal import Decimal
    values = [e["value"] for e in exact["entities"] if "value" in e]
    assert values and all(isinstance(v, Decimal) for v in values)
    assert [str(v) for v in values] == [e["value"] for e in money]
    assert record["entities"][0]["value"] == money[0]["value"]  # the record itself is unchanged
    err = depeche.extract(None)
    assert depeche.with_decimals(err) == err
