# Types of the compiled module depeche._depeche (python/src/*.rs). The
# docstrings are the module's own: tests/test_api.py holds them equal.

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union, final

__all__ = ["DepecheError", "Pipeline", "Records", "__version__"]
__version__: str

#: A text: str, or bytes to decode as the command decodes a file. Anything
#: else (None, NaN) gives an error record.
_Text = Union[str, bytes, bytearray, None, Any]
#: A record, or an error record ({"id": ..., "error": {"kind": ..., "message": ...}}).
_Record = Dict[str, Any]

class DepecheError(Exception):
    """A pipeline could not be built (a bad lexicon folder or file, a bad model file); the message says what and where."""

@final
class Pipeline:
    """An extraction pipeline: the lexicons loaded and every rule compiled once,
    then used for any number of texts. Immutable and safe to share between
    threads; the GIL is released while it works.

    Args:
        locale: "fr-FR" (default), "fr-BE", "fr-CH" or "fr-CA": what a bare
            "$" or "dollars" means (CAD in fr-CA) and which number words are
            expected ("septante" in Belgium and Switzerland).
        lexicon_dir: a folder of lexicon files that extend the built-in ones
            (same file names and formats; see the README, "Lexicons").
        model: the learned tagger: None the built-in model (as the command
            runs by default), False none (the rules alone, `--no-model`), or
            the path of a model file (`--model PATH`, from `depeche train`).
        kinds: only these kinds, as a list ("person", "organization",
            "place", "money", "percent") or one comma-separated string;
            default all.
        offsets: the unit of "start", "end", "length" and sentence spans:
            "chars" (code points, Python str indices; default), "bytes"
            (UTF-8) or "utf16" (JavaScript, Java).
        rules: a user rule file, or a list of them, applied in order (see the
            README, "Writing rules"); `kinds` may then name their kinds.

    Raises:
        ValueError: an unknown locale, kind or offsets unit.
        DepecheError: a bad lexicon folder or file, a bad rule file or a bad
            model file; the message names the file and says what is expected.

    Example:
        >>> import depeche
        >>> nlp = depeche.Pipeline()
        >>> record = nlp.extract("Mistral AI a levé 1,7 milliard d’euros à Paris.")
        >>> [(e["kind"], e["text"]) for e in record["entities"]]
        [('organization', 'Mistral AI'), ('money', '1,7 milliard d’euros'), ('place', 'Paris')]
        >>> depeche.Pipeline(locale="fr-CA", kinds="money").extract("Il a payé 5 $.")["entities"][0]["currency"]
        'CAD'"""

    def __new__(
        cls,
        locale: str = "fr-FR",
        lexicon_dir: Optional[Union[str, os.PathLike[str]]] = None,
        model: Union[None, bool, str, os.PathLike[str]] = None,
        kinds: Optional[Union[str, Sequence[str]]] = None,
        offsets: str = "chars",
        rules: Optional[Union[str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]]] = None,
    ) -> Pipeline: ...
    @property
    def locale(self) -> str:
        """The locale tag (`"fr-FR"`...)."""
    @property
    def offsets(self) -> str:
        """The offset unit of records (`"chars"`, `"bytes"` or `"utf16"`)."""
    @property
    def kinds(self) -> Optional[List[str]]:
        """The kinds emitted (`None`: all)."""
    @property
    def rules(self) -> Optional[List[os.PathLike[str]]]:
        """The user rule files (`None`: none)."""
    @property
    def lexicon_dir(self) -> Optional[os.PathLike[str]]:
        """The user lexicon folder (`None`: built-in lexicons only)."""
    def extract(self, text: _Text, id: Optional[Any] = None, date: Optional[Any] = None) -> _Record:
        """Extracts the entities of one text; returns its record.

        The record is the dict that `json.loads` gives for the line
        `depeche extract` writes for the same text: "id", "offsets",
        "length", "sentences" ([start, end] lists) and "entities", each with
        "kind", "text", "start", "end", "sentence", "rule" and, when known,
        "value", "min", "max" (exact decimals, as str: see
        `depeche.with_decimals`), "currency", "canonical", "role"... Offsets
        count code points by default, so `text[e["start"]:e["end"]] == e["text"]`.

        A bad text never raises: bytes are decoded as the command decodes a
        file (the record then names the "encoding"), and bytes it would refuse
        (binary data), a str that is not valid Unicode (a lone surrogate) or a
        value that is not text (None, NaN) give an error record,
        {"id": ..., "error": {"kind": ..., "message": ...}}, as on the command line.

        Args:
            text: the article, as str (or bytes to decode).
            id: the record's "id" (default "-", as for standard input); not a
                str: str(id).
            date: the article's date, "YYYY-MM-DD" (or a datetime.date): the
                reference of relative periods (« l'an dernier »), and the
                record's "date". Another value raises ValueError.

        Example:
            >>> nlp = depeche.Pipeline()
            >>> text = "Zoé Dupont 😀 a vendu pour 1\\u202f234,56\\u00a0€."
            >>> r = nlp.extract(text, id="a1")
            >>> [(e["kind"], e["value"] if "value" in e else e["text"]) for e in r["entities"]]
            [('person', 'Zoé Dupont'), ('money', '1234.56')]
            >>> all(text[e["start"]:e["end"]] == e["text"] for e in r["entities"])
            True
            >>> nlp.extract(b"\\x89PNG\\r\\n\\x1a\\n", id="img")["error"]["kind"]
            'binary'"""
    def extract_many(
        self, texts: Iterable[Union[_Text, Tuple[Any, _Text], List[Any]]], jobs: Optional[int] = None
    ) -> Records:
        """Extracts many texts in parallel; yields their records in input order.

        Texts are read from `texts` a chunk at a time and processed on `jobs`
        threads with the GIL released, while the records of the chunk before
        are handed out: memory stays bounded however long the input (a
        generator is read as it goes), and the records are the same, in the
        same order, for any `jobs`. Each record is what `extract` returns.

        Args:
            texts: an iterable of texts (the record's "id" is then the text's
                position, "0", "1"...) or of (id, text) pairs; a text is as
                for `extract` (a bad one gives an error record).
            jobs: worker threads (default: one per core).

        Raises:
            ValueError: `texts` is one str or bytes rather than an iterable of them.
            Any exception that iterating `texts` raises, once the records of
            the texts before it have been handed out.

        Example:
            >>> nlp = depeche.Pipeline()
            >>> texts = ["Airbus a livré 766 avions.", None, "Le taux est de 3 %."]
            >>> [(r["id"], len(r.get("entities", [])), "error" in r) for r in nlp.extract_many(texts)]
            [('0', 1, False), ('1', 0, True), ('2', 1, False)]
            >>> [r["id"] for r in nlp.extract_many([("a", "Un texte."), ("b", "Un autre.")], jobs=2)]
            ['a', 'b']"""
    def __reduce__(self) -> Tuple[Any, ...]: ...

@final
class Records(Iterator[_Record]):
    """The iterator of records that `Pipeline.extract_many` returns (not built
    directly); not to be shared between threads."""

    def __iter__(self) -> Records: ...
    def __next__(self) -> _Record: ...
