"""`tracker report --html FILE`: one self-contained HTML page drawing every summit's status over
time, the claims that moved it, range-dated sources, lapses and corrections, with a date cursor.

`data` collects the records from the same answers as `tracker timeline` and `tracker claims`
(render's `timeline_json` and `stored_claim_json`), `chart` turns them into a Vega-Lite spec with Altair,
and `page` writes the HTML with vl-convert's JavaScript bundle inlined, so that the page makes no
network request. Altair and vl-convert are the optional `report` extra (`require` says so).
"""

from __future__ import annotations

import importlib

EXTRA_MODULES = ("altair", "vl_convert")
"""What the `report` extra installs (altair, vl-convert-python), as imported."""


class ReportUnavailable(Exception):
    """The `report` extra is not installed."""


def require() -> None:
    """Import the extra's modules, or say which is missing and how to install it."""
    for name in EXTRA_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as error:
            raise ReportUnavailable(
                f"the HTML report needs the optional packages altair and vl-convert-python "
                f"({name} cannot be imported: {error}); install tracker[report], "
                "e.g. pip install -e '.[report]'"
            ) from None
