"""depeche: people, organizations, places, money and percentages in French news.

The Python face of the depeche Rust library: the same pipeline as the
``depeche`` command, called in process. A record is the dict that
``json.loads`` gives for one line of ``depeche extract``: same keys, same
values; offsets count code points by default, so ``text[e["start"]:e["end"]]
== e["text"]`` in Python.

Example:
    >>> import depeche
    >>> record = depeche.extract("Le PDG de Renault, Luca de Meo, vise 40 % de marge.")
    >>> [(e["kind"], e["text"]) for e in record["entities"]]
    [('organization', 'Renault'), ('person', 'Luca de Meo'), ('percent', '40 %')]
"""

from __future__ import annotations

# Only what the import needs: `import depeche` stays quick (a Spark task, a
# command-line script), the rest is imported where it is used.
import _thread

from ._depeche import DepecheError, Pipeline, Records, __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Dict, Optional

__all__ = [
    "DECIMAL_KEYS",
    "DepecheError",
    "Pipeline",
    "Records",
    "__version__",
    "default_pipeline",
    "extract",
    "with_decimals",
]

#: The entity keys whose values are exact decimals written as strings.
DECIMAL_KEYS = ("value", "min", "max")

_default: Optional[Pipeline] = None
_default_lock = _thread.allocate_lock()


def default_pipeline() -> Pipeline:
    """The pipeline with default settings that ``depeche.extract`` uses,
    built on first use and then shared.

    Example:
        >>> depeche.default_pipeline() is depeche.default_pipeline()
        True
    """
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Pipeline()
    return _default


def extract(text: str | bytes, id: Optional[str] = None) -> Dict[str, Any]:
    """Extracts one text with the default pipeline; returns its record.

    Same as ``depeche.default_pipeline().extract(text, id)``: see
    ``Pipeline.extract``. Build a ``Pipeline`` of your own for other
    settings (locale, lexicons, kinds, offsets).

    Example:
        >>> record = depeche.extract("Airbus a livré 766 avions.", id="a1")
        >>> record["id"], record["entities"][0]["text"]
        ('a1', 'Airbus')
    """
    return default_pipeline().extract(text, id)


def with_decimals(record: Dict[str, Any]) -> Dict[str, Any]:
    """A copy of a record whose exact decimal strings (``value``, ``min``,
    ``max`` of its entities) are ``decimal.Decimal`` numbers.

    Records keep them as strings, as the JSON output does, so that no digit is
    lost to floating point; ``Decimal(e["value"])`` converts one, this helper
    all of them. An error record comes back unchanged.

    Example:
        >>> r = depeche.with_decimals(depeche.extract("Le groupe a levé 1,2 milliard d’euros."))
        >>> money = r["entities"][-1]
        >>> money["value"], money["currency"]
        (Decimal('1200000000'), 'EUR')
        >>> money["value"] * 2
        Decimal('2400000000')
    """
    from decimal import Decimal

    if "entities" not in record:
        return dict(record)
    entities = []
    for e in record["entities"]:
        e = dict(e)
        for key in DECIMAL_KEYS:
            if isinstance(e.get(key), str):
                e[key] = Decimal(e[key])
        entities.append(e)
    return {**record, "entities": entities}
