"""Threads, batches, memory, errors, and the documentation of the API."""

from __future__ import annotations

import ast
import doctest
import inspect
import itertools
import math
import pickle
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import depeche
from conftest import CORPUS

PACKAGE = Path(depeche.__file__).parent


def test_threads_share_one_pipeline(corpus_files):
    nlp = depeche.Pipeline()
    texts = [f.read_text(encoding="utf-8") for f in corpus_files] * 4
    alone = [nlp.extract(t, id=str(i)) for i, t in enumerate(texts)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        shared = list(pool.map(lambda it: nlp.extract(it[1], id=str(it[0])), enumerate(texts)))
    assert shared == alone
    # Several extract_many at once on the same pipeline.
    with ThreadPoolExecutor(max_workers=3) as pool:
        runs = list(pool.map(lambda j: list(nlp.extract_many(texts, jobs=j)), [1, 2, 3]))
    expected = [dict(r, id=str(i)) for i, r in enumerate(alone)]
    assert runs == [expected] * 3


def test_extract_releases_the_gil():
    nlp = depeche.Pipeline()
    text = "Le groupe Renault a vendu 1,2 million de voitures en 2025, soit 4 % de plus. " * 4000
    done = threading.Event()
    elapsed = []

    def work():
        t = time.perf_counter()
        nlp.extract(text)
        elapsed.append(time.perf_counter() - t)
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    spins = 0
    while not done.is_set():
        spins += 1
    worker.join()
    # Holding the GIL would leave this thread a handful of turns at most
    # (one per switch interval) while the text is processed.
    turns = elapsed[0] / 0.005
    assert spins > 100 * turns, (spins, elapsed)


def test_extract_many_keeps_order_for_any_number_of_jobs(corpus_files):
    nlp = depeche.Pipeline()
    texts = [f.read_text(encoding="utf-8") for f in corpus_files] * 10
    one = list(nlp.extract_many(texts, jobs=1))
    assert [r["id"] for r in one] == [str(i) for i in range(len(texts))]
    for jobs in (2, 3, None):
        assert list(nlp.extract_many(texts, jobs=jobs)) == one
    assert list(nlp.extract_many(iter([]))) == []


def current_rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc/self/statm (Linux)")
def test_a_generator_of_100000_texts_in_bounded_memory():
    nlp = depeche.Pipeline()
    pulled = 0
    big = "x" * 400  # 40 MB of text in all: it must not be kept

    def texts():
        nonlocal pulled
        for i in range(100_000):
            pulled += 1
            yield (f"a{i}", f"Article {i} : Airbus a livré {i} avions pour {i},5 millions d’euros. {big}")

    records = nlp.extract_many(texts(), jobs=2)
    first = next(records)
    assert first["id"] == "a0" and first["entities"][0]["text"] == "Airbus"
    assert pulled <= 17 * 64, f"the generator was read ahead by {pulled} texts"
    count, rss_at = 1, {}
    for r in records:
        assert r["id"] == f"a{count}"
        count += 1
        if count in (10_000, 100_000):
            rss_at[count] = current_rss()
    assert count == 100_000 and pulled == 100_000
    growth = rss_at[100_000] - rss_at[10_000]
    assert growth < 16 * 2**20, f"memory grew by {growth / 2**20:.0f} MiB from the 10,000th to the 100,000th text"


def test_bad_texts_give_error_records_not_exceptions():
    nlp = depeche.Pipeline()
    inputs = [None, math.nan, 42, "a\ud800b", b"\x89PNG\r\n\x1a\n", "", b"", "Ok."]
    records = list(nlp.extract_many(inputs))
    kinds = [r["error"]["kind"] if "error" in r else None for r in records]
    assert kinds == ["missing_text", "missing_text", "missing_text", "decode", "binary", None, None, None]
    assert [r["id"] for r in records] == [str(i) for i in range(len(inputs))]
    for r in records[:5]:
        assert set(r) == {"id", "error"} and set(r["error"]) == {"kind", "message"}
    assert "None" in records[0]["error"]["message"] and "float (nan)" in records[1]["error"]["message"]
    assert "surrogate" in records[3]["error"]["message"]
    for text in inputs:
        assert nlp.extract(text, id="x") == next(nlp.extract_many([("x", text)]))
    # Pairs may be lists, ids may be numbers (a pandas index).
    assert [r["id"] for r in nlp.extract_many([[7, "Un."], (8.5, "Deux.")])] == ["7", "8.5"]


def test_errors_are_exceptions_with_the_commands_messages(cli, tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(depeche.DepecheError) as e:
        depeche.Pipeline(lexicon_dir=missing)
    message = str(e.value)
    assert str(missing) in message and "folder" in message
    assert_same_message_as_cli(cli, ["--lexicon", str(missing)], message)

    (tmp_path / "organizations.tsv").write_text("Acme\tcompany\n\tsans nom\n", encoding="utf-8")
    with pytest.raises(depeche.DepecheError) as e:
        depeche.Pipeline(lexicon_dir=str(tmp_path))
    message = str(e.value)
    assert message.startswith(f"{tmp_path / 'organizations.tsv'}:2: empty canonical name")
    assert_same_message_as_cli(cli, ["--lexicon", str(tmp_path)], message)

    for kwargs, words in [
        ({"locale": "en-US"}, 'unknown locale "en-US"'),
        ({"kinds": ["person", "date"]}, "unknown kind"),
        ({"offsets": "utf32"}, "unknown offsets"),
    ]:
        with pytest.raises(ValueError, match=words):
            depeche.Pipeline(**kwargs)
    bad_model = tmp_path / "tagger.bin"
    bad_model.write_bytes(b"not a model")
    with pytest.raises(depeche.DepecheError) as e:
        depeche.Pipeline(model=bad_model)
    assert str(bad_model) in str(e.value)
    assert_same_message_as_cli(cli, ["--model", str(bad_model)], str(e.value))
    with pytest.raises(ValueError, match="model=True"):
        depeche.Pipeline(model=True)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        depeche.Pipeline().extract("Un texte.", date="2025-13-01")
    with pytest.raises(ValueError, match="not one text"):
        depeche.Pipeline().extract_many("un seul texte")
    with pytest.raises(TypeError):
        depeche.Pipeline().extract_many(42)


def assert_same_message_as_cli(cli, flags, message):
    import subprocess

    done = subprocess.run([str(cli.binary), "extract", "-q", *flags, str(CORPUS)], capture_output=True, check=False)
    assert done.returncode == 1
    assert done.stderr.decode().strip() == f"depeche: error: {message}"


def test_an_exception_in_the_input_comes_after_the_records_before_it():
    def texts():
        yield from ["Un.", "Deux.", "Trois."]
        raise KeyError("input broke")

    records = depeche.Pipeline().extract_many(texts())
    assert [next(records)["id"] for _ in range(3)] == ["0", "1", "2"]
    with pytest.raises(KeyError, match="input broke"):
        next(records)
    assert list(records) == []


def test_pipeline_settings_repr_and_pickle(tmp_path):
    nlp = depeche.Pipeline(locale="fr-ca", kinds=["money"], offsets="utf16")
    assert (nlp.locale, nlp.kinds, nlp.offsets, nlp.lexicon_dir) == ("fr-CA", ["money"], "utf16", None)
    assert repr(nlp) == "depeche.Pipeline(locale='fr-CA', kinds=['money'], offsets='utf16')"
    again = pickle.loads(pickle.dumps(nlp))
    assert repr(again) == repr(nlp)
    text = "Il a payé 5 $ à Montréal."
    assert again.extract(text) == nlp.extract(text)
    assert nlp.extract(text)["entities"][0]["currency"] == "CAD"
    money = [e for e in depeche.Pipeline().extract(text)["entities"] if e["kind"] == "money"]
    assert [e["currency"] for e in money] == ["USD"]
    assert depeche.default_pipeline() is depeche.default_pipeline()


def docstrings():
    """Every public docstring of the package, by name."""
    objects = {"depeche": depeche}
    for name in depeche.__all__:
        obj = getattr(depeche, name)
        if callable(obj):
            objects[f"depeche.{name}"] = obj
    for cls in (depeche.Pipeline, depeche.Records):
        for name, member in vars(cls).items():
            if not name.startswith("_") and getattr(member, "__doc__", None):
                objects[f"depeche.{cls.__name__}.{name}"] = member
    return {name: obj.__doc__ for name, obj in objects.items() if obj.__doc__}


def test_docstring_examples_run():
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    examples = 0
    for name, doc in docstrings().items():
        test = parser.get_doctest(doc, {"depeche": depeche}, name, None, 0)
        examples += len(test.examples)
        runner.run(test)
    assert examples >= 15
    assert runner.failures == 0, f"{runner.failures} docstring example(s) failed (see the output above)"


def test_every_public_item_is_documented_with_an_example():
    docs = docstrings()
    for name in ["depeche", "depeche.Pipeline", "depeche.Pipeline.extract", "depeche.Pipeline.extract_many",
                 "depeche.extract", "depeche.with_decimals", "depeche.default_pipeline"]:
        assert ">>>" in docs.get(name, ""), f"{name} has no example"


def test_the_stub_matches_the_module():
    """_depeche.pyi: same names, same parameters and the same docstrings as the compiled module."""
    stub = ast.parse((PACKAGE / "_depeche.pyi").read_text(encoding="utf-8"))
    assert (PACKAGE / "py.typed").exists()
    compiled = depeche._depeche
    seen = 0
    for node in stub.body:
        if isinstance(node, ast.ClassDef):
            cls = getattr(compiled, node.name)
            assert inspect.cleandoc(cls.__doc__ or "") == (ast.get_docstring(node) or ""), node.name
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    runtime = cls if item.name == "__new__" else getattr(cls, item.name)
                    check_function(runtime, item, f"{node.name}.{item.name}")
                    seen += 1
        elif isinstance(node, ast.FunctionDef):
            check_function(getattr(compiled, node.name), node, node.name)
            seen += 1
    assert seen >= 8


def check_function(runtime, node, name):
    if isinstance(runtime, property) or type(runtime).__name__ == "getset_descriptor":
        assert any(isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list), name
        return
    if node.name in ("__iter__", "__next__", "__reduce__", "__repr__"):
        return
    doc = ast.get_docstring(node) or ""
    assert node.name == "__new__" or inspect.cleandoc(runtime.__doc__ or "") == doc, f"{name}: the stub's docstring differs"
    params = [a.arg for a in node.args.args + node.args.kwonlyargs if a.arg not in ("self", "cls")]
    sig = inspect.signature(runtime)
    assert [p for p in sig.parameters if p not in ("self", "$self")] == params, name


def test_date_resolves_relative_periods_and_is_the_records_date():
    import datetime

    nlp = depeche.Pipeline()
    text = "Danone a vu ses ventes reculer l'an dernier."
    periods = lambda r: [e.get("value") for e in r["entities"] if e["kind"] == "period"]
    assert periods(nlp.extract(text)) == [None]
    dated = nlp.extract(text, date="2017-03-03")
    assert periods(dated) == ["2016"]
    assert dated["date"] == "2017-03-03"
    assert periods(nlp.extract(text, date=datetime.date(2011, 6, 30))) == ["2010"]
    assert periods(nlp.extract(text.encode("utf-8"), date="2020-01-02")) == ["2019"]
