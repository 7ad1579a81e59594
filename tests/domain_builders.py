"""Concise builders of summits and published claims for the domain tests."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.models import Attribution, Claim, PublishedClaim, Summit
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality

By = Literal["official", "background", "anonymous", "outlet"]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def summit(
    id: str = "s",
    *,
    window: str | TimeWindow | None = None,
    venue: str | None = None,
    parties: tuple[str, ...] = (),
    host: str | None = None,
) -> Summit:
    """A summit of Alice and Bob (`parties` names their sides, in that order)."""
    return Summit.model_validate(
        {
            "id": id,
            "title": f"Summit {id}",
            "participants": ("Alice", "Bob"),
            "venue": venue,
            "window": window,
            "parties": parties,
            "host": host,
        }
    )


def claim(
    id: str,
    kind: ClaimKind | str,
    *,
    by: By = "official",
    modality: Modality | str = Modality.PLAIN,
    published: str = "2025-08-01",
    summits: tuple[str, ...] = ("s",),
    held_on: str | None = None,
    venue: str | None = None,
    window: str | TimeWindow | None = None,
    condition: str | None = None,
    period: str | None = None,
    speaker: str = "A spokesman",
    speaks_for: str | None = None,
) -> PublishedClaim:
    """A claim with its source's publication date; `kind` may be short: "confirmed"."""
    kind = ClaimKind(
        kind if isinstance(kind, ClaimKind) or kind.startswith("meeting_") else f"meeting_{kind}"
    )
    modality = Modality(modality)
    if modality is Modality.CONDITIONAL and condition is None:
        condition = "if the talks go well"
    attribution = Attribution(
        kind=AttributionKind(by), speaker=speaker if by == "official" else None, speaks_for=speaks_for
    )
    return PublishedClaim(
        claim=Claim.model_validate(
            {
                "id": id,
                "source": f"src-{id}",
                "kind": kind,
                "summits": summits,
                "attribution": attribution,
                "modality": modality,
                "condition": condition,
                "quote": f"quote of {id}",
                "held_on": held_on,
                "venue": venue,
                "window": window,
                "period": period,
            }
        ),
        published=DateSpan.model_validate(published),
    )
