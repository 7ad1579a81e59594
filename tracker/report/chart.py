"""The report's Vega-Lite spec, written with Altair and validated against the Vega-Lite schema.

One row per summit, in layers: its status over time as coloured bands (`bands`), the spans of
what is dated only by a range (`spans`), a tick where it lapsed (`lapses`), a marker per claim at
its day (`markers`: shape = standing, fill = modality, faded when retracted), a cross or ring
over the retracted and corrected ones (`fixes`), the date cursor (`cursor_rule`) and, beside it,
each summit's status on the cursor's day (`cursor_state`). The cursor is the parameter `cursor`
(a UTC timestamp in milliseconds) bound to a slider. Every layer is named, so that its marks are
the SVG group `<name>_marks`; its dataset is `<name>_data` (`view.data(...)`). A layer with
nothing to draw is left out, with its legend.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt

from tracker.domain.vocabulary import AttributionKind, Modality, Status
from tracker.report.data import DAY, ReportData

STATUS_COLOURS = {
    Status.UNKNOWN: "#e9ecef",
    Status.RUMORED: "#fff3bf",
    Status.PROPOSED: "#ffd8a8",
    Status.CONDITIONAL: "#a5d8ff",
    Status.CONFIRMED: "#8ce99a",
    Status.HELD: "#2f9e44",
    Status.DENIED: "#ffa8a8",
    Status.CANCELLED: "#e03131",
    Status.POSTPONED: "#d0bfff",
    Status.LAPSED: "#868e96",
}
SHAPES = {
    AttributionKind.OFFICIAL: "circle",
    AttributionKind.ANONYMOUS: "triangle-up",
    AttributionKind.OUTLET: "square",
}
FILLS = {
    Modality.PLAIN: "#212529",
    Modality.HEDGED: "#adb5bd",
    Modality.CONDITIONAL: "#ffffff",
    Modality.NO_COMMENT: "#ffffff",
}
DASHES = {
    Modality.PLAIN: [1, 0],
    Modality.HEDGED: [1, 0],
    Modality.CONDITIONAL: [1, 0],
    Modality.NO_COMMENT: [2, 2],
}
FIX_SHAPES = {"retracted": "M-1,-1L1,1M-1,1L1,-1", "corrected": "circle"}
ROW = 34
WIDTH = 900
MS_PER_DAY = 86_400_000
CURSOR = "cursor"


def utc_ms(day: dt.date) -> int:
    """A day's UTC midnight as a JavaScript timestamp, as Vega parses `YYYY-MM-DD`."""
    return int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp() * 1000)


def _legend(values: dict[Any, Any]) -> tuple[list[str], list[Any]]:
    return [str(key) for key in values], list(values.values())


def spec(data: ReportData) -> dict[str, Any]:
    """The page's chart as a Vega-Lite spec (a dict), checked against the schema."""
    first, end = utc_ms(data.first), utc_ms(data.last + DAY)
    summits = data.summit_ids
    y = alt.Y(
        "summit:N",
        scale=alt.Scale(domain=summits),
        sort=summits,
        title=None,
        axis=alt.Axis(labelLimit=260, labelFontSize=11),
    )
    # The bands run from the first day drawn to the day after the last: they make the domain.
    x_scale = alt.Scale(type="utc", nice=False)
    x_axis = alt.Axis(format="%d %b %Y", grid=True, title=None, labelOverlap=True)

    def chart(layer: str, dataset: str | None = None) -> alt.Chart:
        return alt.Chart(alt.NamedData(name=f"{dataset or layer}_data"), name=layer)

    domain, colours = _legend(STATUS_COLOURS)
    bands = (
        chart("bands")
        .mark_bar(stroke="#ffffff", strokeWidth=1)
        .encode(
            x=alt.X("start:T", scale=x_scale, axis=x_axis),
            x2="end:T",
            y=y,
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(title="status", orient="bottom", columns=10),
            ),
            tooltip=[
                alt.Tooltip("summit:N"),
                alt.Tooltip("status:N"),
                alt.Tooltip("from:N", title="from"),
                alt.Tooltip("since:N"),
                alt.Tooltip("decided:N", title="decided by"),
                alt.Tooltip("contested:N", title="contested by (R13)"),
                alt.Tooltip("venue:N"),
                alt.Tooltip("window_text:N", title="window"),
            ],
        )
    )
    spans = (
        chart("spans")
        .mark_bar(height=5, yOffset=11, color="#364fc7")
        .encode(
            opacity=alt.condition("datum.dated === 'stated'", alt.value(0.4), alt.value(0.85)),
            x=alt.X("start:T"),
            x2="end:T",
            y=y,
            tooltip=[
                alt.Tooltip("dated:N", title="dated by a range"),
                alt.Tooltip("range:N"),
                alt.Tooltip("source:N"),
                alt.Tooltip("outlet:N"),
                alt.Tooltip("claim:N"),
                alt.Tooltip("claims:Q", title="claims on this summit"),
            ],
        )
    )
    lapses = (
        chart("lapses")
        .mark_tick(thickness=4, color="#212529", size=ROW - 6)
        .encode(
            x=alt.X("day:T"),
            y=y,
            tooltip=[
                alt.Tooltip("summit:N"),
                alt.Tooltip("day:N", title="lapsed on"),
                alt.Tooltip("window_text:N", title="its window had ended"),
            ],
        )
    )
    shape_domain, shapes = _legend(SHAPES)
    fill_domain, fills = _legend(FILLS)
    markers = (
        chart("markers")
        .mark_point(filled=True, size=110, stroke="#212529", strokeWidth=1.5)
        .encode(
            x=alt.X("day:T"),
            y=y,
            shape=alt.Shape(
                "attribution:N",
                scale=alt.Scale(domain=shape_domain, range=shapes),
                legend=alt.Legend(title="standing", orient="bottom"),
            ),
            fill=alt.Fill(
                "modality:N",
                scale=alt.Scale(domain=fill_domain, range=fills),
                legend=alt.Legend(title="modality", orient="bottom"),
            ),
            strokeDash=alt.StrokeDash(
                "modality:N",
                scale=alt.Scale(domain=fill_domain, range=list(DASHES.values())),
                legend=alt.Legend(title="modality", orient="bottom"),
            ),
            opacity=alt.condition("datum.retracted", alt.value(0.35), alt.value(1.0)),
            tooltip=[
                alt.Tooltip("quote:N"),
                alt.Tooltip("speaker:N", title="speaker"),
                alt.Tooltip("source:N"),
                alt.Tooltip("outlet:N"),
                alt.Tooltip("published:N"),
                alt.Tooltip("stated_on:N", title="stated on"),
                alt.Tooltip("kind:N"),
                alt.Tooltip("modality:N"),
                alt.Tooltip("condition:N"),
                alt.Tooltip("claim:N", title="claim"),
                alt.Tooltip("fixes:N", title="corrections"),
            ],
        )
    )
    fix_domain, fix_shapes = _legend(FIX_SHAPES)
    fixes = (
        chart("fixes")
        .mark_point(filled=False, size=340, color="#c92a2a", strokeWidth=2.5)
        .encode(
            x=alt.X("day:T"),
            y=y,
            shape=alt.Shape(
                "fixed:N",
                scale=alt.Scale(domain=fix_domain, range=fix_shapes),
                legend=alt.Legend(title="correction", orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("claim:N", title="claim"),
                alt.Tooltip("fixed:N", title="correction"),
                alt.Tooltip("fixes:N", title="recorded"),
                alt.Tooltip("quote:N"),
            ],
        )
    )
    cursor_rule = (
        chart("cursor_rule", "cursor")
        .transform_calculate(day=CURSOR)
        .mark_rule(color="#d6336c", strokeWidth=2)
        .encode(x=alt.X("day:T"))
    )
    middle = (first + end) // 2
    state = (
        chart("cursor_state", "bands")
        .transform_filter(f"toDate(datum.start) <= {CURSOR} && {CURSOR} < toDate(datum.end)")
        .transform_calculate(day=CURSOR)
        .mark_text(
            fontWeight="bold",
            fontSize=12,
            align=alt.expr(f"{CURSOR} > {middle} ? 'right' : 'left'"),
            dx=alt.expr(f"{CURSOR} > {middle} ? -6 : 6"),
        )
        .encode(
            x=alt.X("day:T"),
            y=y,
            text="status:N",
            tooltip=[alt.Tooltip("summit:N"), alt.Tooltip("status:N"), alt.Tooltip("since:N")],
        )
    )
    cursor = alt.param(
        name=CURSOR,
        value=end - MS_PER_DAY,
        bind=alt.binding_range(min=first, max=end - MS_PER_DAY, step=MS_PER_DAY, name="day "),
    )
    datasets = {
        "bands_data": _with_window_text(data.bands()),
        "spans_data": data.spans(),
        "lapses_data": _with_window_text(data.lapses()),
        "markers_data": data.markers(),
        "fixes_data": data.fixes(),
        "cursor_data": [{"cursor": True}],
    }
    # A layer with nothing to draw is left out (with its legend): an empty one's extent warns.
    drawn = [
        layer
        for layer, name in (
            (bands, "bands"),
            (spans, "spans"),
            (lapses, "lapses"),
            (fixes, "fixes"),  # under the markers: a ring must not catch the pointer over its claim
            (markers, "markers"),
        )
        if datasets[f"{name}_data"]
    ]
    top = (
        alt.layer(*drawn, cursor_rule, *([state] if datasets["bands_data"] else []))
        .add_params(cursor)
        .resolve_scale(shape="independent")
        .properties(
            width=WIDTH,
            height=alt.Step(ROW),
            title=alt.Title(
                text=alt.expr(
                    f"'Each summit\\'s status over time; in bold, on ' + utcFormat({CURSOR}, '%Y-%m-%d')"
                ),
                anchor="start",
            ),
            datasets={name: [] for name in datasets},  # filled in below
            config=alt.Config(view=alt.ViewConfig(stroke=None), font="sans-serif"),
        )
    )
    # The spec is checked without its data: plain records, which the schema lets be anything,
    # and which Altair would walk and check value by value (most of the time of a large report).
    result: dict[str, Any] = top.to_dict(validate=True)
    result["datasets"].update(datasets)
    return result


def _with_window_text(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records with their window also written as an ISO interval, for the tooltip."""
    from tracker.domain.dates import TimeWindow

    return [
        {**r, "window_text": str(TimeWindow.model_validate(r["window"])) if r["window"] else None}
        for r in records
    ]
