"""The report as one HTML page that works offline: the Vega-Lite spec and the data as JSON in
`<script type="application/json">` elements, and vl-convert's bundle of Vega, Vega-Lite and
vega-embed inlined (as Altair's own `inline=True` HTML does), so that the page loads nothing.
A Content-Security-Policy forbids every network request, should a future bundle try one."""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterator
from typing import Any

from tracker.cli.jsontext import key_text
from tracker.cli.options import count
from tracker.report.data import ReportData

EMBED_OPTIONS: dict[str, Any] = {"renderer": "svg", "actions": False, "mode": "vega-lite"}
"""SVG, so that every mark is in the DOM (and has its aria-label); no action menu, whose links
lead to the Vega editor online."""
POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)
"""Inline scripts and styles only (Vega compiles its expressions with `Function`), nothing fetched."""

STYLE = """
body { font-family: sans-serif; margin: 1.5em; color: #212529; }
h1 { font-size: 1.3em; margin: 0 0 .3em; }
p.about { margin: 0 0 1em; color: #495057; }
#chart .vega-bind { margin-top: .8em; font-size: .9em; }
#chart .vega-bind input[type=range] { width: 900px; vertical-align: middle; }
#chart .vega-bind input[type=range] + span { display: none; } /* the raw timestamp */
#failure { color: #c92a2a; white-space: pre-wrap; }
"""

BOOT = """
(function () {
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  window.trackerData = read("tracker-data");
  vegaEmbed("#chart", read("tracker-spec"), read("tracker-embed-options"))
    .then((result) => {
      window.trackerView = result.view;
      document.body.dataset.ready = "true";
    })
    .catch((error) => {
      console.error(error);
      document.getElementById("failure").textContent = "The chart could not be drawn: " + error;
    });
})();
"""


GLOBALS = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"
"""The bundle's own code: what vl-convert's default does, the libraries made global."""


def script_json(value: Any) -> str:
    """JSON safe inside a `<script>` element: no `<`, `>` or `&` (so no `</script>` or
    `<!--`), written as the JSON escapes `\\u003c`, `\\u003e`, `\\u0026` that parse back the same."""
    return "".join(script_json_parts(value))


def script_json_parts(value: Any) -> Iterator[str]:
    """`script_json` in pieces, a record of a large list at a time: the page of a summit with a
    hundred thousand claims is never held whole. (The escapes replace single characters, so
    they apply to each piece alike.)"""
    for part in _compact(value, 0):
        yield part.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _compact(value: Any, depth: int) -> Iterator[str]:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"))` in pieces: the mappings
    of the first two levels and the lists of the first three are walked, the rest (the
    records) written whole."""
    if isinstance(value, dict) and depth < 2:
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield ("," if n else "") + key_text(key) + ":"
            yield from _compact(item, depth + 1)
        yield "}"
    elif isinstance(value, (list, tuple)) and depth < 3:
        yield "["
        for n, item in enumerate(value):
            if n:
                yield ","
            yield from _compact(item, depth + 1)
        yield "]"
    else:
        yield _dumps(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def script_code(code: str) -> str:
    """JavaScript safe inside a `<script>` element: `</script` and `<!--` can only occur in its
    strings, regular expressions or templates, where `<\\/script` and `\\x3C!--` mean the same."""
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "\\x3C!--")


@functools.cache
def javascript_bundle() -> str:
    """Vega, Vega-Lite (the version Altair writes specs for) and vega-embed, in one script
    (built by vl-convert in about 3 s, so once a process)."""
    import altair as alt
    import vl_convert

    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return vl_convert.javascript_bundle(GLOBALS, vl_version=f"{major}.{minor}")


def parts(data: ReportData, spec: dict[str, Any], store: str) -> Iterator[str]:
    """The page, in pieces to be written as they are made."""
    scope = f"as could be believed on {data.at}" if data.at else "everything recorded"
    about = (
        f"{count(len(data.summits), 'summit')}, {count(len(data.claims), 'claim')}, {scope}; store {store}. "
        "Hover over a band, span or marker for details; move the slider to see every summit's "
        "status on a day."
    )
    yield f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<title>Summits: what could be believed when</title>
<style>{STYLE}</style>
</head>
<body>
<h1>Summits: what could be believed when</h1>
<p class="about">{html.escape(about)}</p>
<div id="chart"></div>
<div id="failure"></div>
"""
    for n, (ident, value) in enumerate(
        (("tracker-data", data.document()), ("tracker-spec", spec), ("tracker-embed-options", EMBED_OPTIONS))
    ):
        yield ("\n" if n else "") + f'<script type="application/json" id="{ident}">'
        yield from script_json_parts(value)
        yield "</script>"
    yield f"""
<script>{script_code(javascript_bundle())}</script>
<script>{BOOT}</script>
</body>
</html>
"""
