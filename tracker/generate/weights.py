"""How often each claim kind, modality, attribution and source kind appears in a generated corpus."""

from __future__ import annotations

from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality, SourceKind
from tracker.generate.plan import Phase
from tracker.generate.tables import Table, zipf
from tracker.generate.words import OUTLETS

_K = ClaimKind
RUMORED, POSSIBLE, PROPOSED = _K.MEETING_RUMORED, _K.MEETING_POSSIBLE, _K.MEETING_PROPOSED
CONFIRMED, DENIED, CANCELLED, POSTPONED, HELD = (
    _K.MEETING_CONFIRMED,
    _K.MEETING_DENIED,
    _K.MEETING_CANCELLED,
    _K.MEETING_POSTPONED,
    _K.MEETING_HELD,
)

KINDS_BY_PHASE: dict[Phase, Table[ClaimKind]] = {
    Phase.EARLY: Table([(RUMORED, 40), (POSSIBLE, 25), (PROPOSED, 20), (DENIED, 11), (CONFIRMED, 4)]),
    Phase.NEAR: Table(
        [
            (RUMORED, 18),
            (POSSIBLE, 14),
            (PROPOSED, 18),
            (CONFIRMED, 34),
            (DENIED, 12),
            (CANCELLED, 4),
            (POSTPONED, 3),
        ]
    ),
    Phase.DUE: Table([(CONFIRMED, 55), (RUMORED, 20), (POSSIBLE, 10), (PROPOSED, 8), (DENIED, 7)]),
    Phase.OVERDUE: Table([(DENIED, 35), (RUMORED, 25), (POSSIBLE, 25), (PROPOSED, 15)]),
    Phase.AFTER_HELD: Table([(HELD, 65), (CONFIRMED, 20), (RUMORED, 8), (POSSIBLE, 7)]),
    Phase.AFTER_CANCELLED: Table(
        [(CANCELLED, 40), (POSTPONED, 10), (DENIED, 25), (POSSIBLE, 12), (RUMORED, 13)]
    ),
    Phase.HISTORIC: Table([(HELD, 1)]),
}
_M = Modality
MODALITIES: dict[ClaimKind, Table[Modality]] = {
    kind: Table([(_M.PLAIN, 92), (_M.HEDGED, 6), (_M.NO_COMMENT, 2)])
    if kind is HELD
    else Table([(_M.PLAIN, 78), (_M.HEDGED, 16), (_M.NO_COMMENT, 6)])
    if kind in (CANCELLED, POSTPONED)
    else Table([(_M.PLAIN, 55), (_M.HEDGED, 30), (_M.NO_COMMENT, 15)])
    if kind is DENIED
    else Table([(_M.PLAIN, 52), (_M.HEDGED, 30), (_M.CONDITIONAL, 9), (_M.NO_COMMENT, 9)])
    if kind is RUMORED
    else Table([(_M.PLAIN, 48), (_M.HEDGED, 26), (_M.CONDITIONAL, 13), (_M.NO_COMMENT, 13)])
    for kind in ClaimKind
}
_A = AttributionKind
ATTRIBUTIONS: dict[ClaimKind, Table[AttributionKind]] = {
    kind: Table([(_A.OUTLET, 45), (_A.ANONYMOUS, 40), (_A.OFFICIAL, 15)])
    if kind is RUMORED
    else Table([(_A.OUTLET, 55), (_A.OFFICIAL, 30), (_A.ANONYMOUS, 15)])
    if kind is HELD
    else Table([(_A.OFFICIAL, 48), (_A.ANONYMOUS, 27), (_A.OUTLET, 25)])
    for kind in ClaimKind
}
NO_COMMENT_ATTRIBUTIONS = Table([(_A.OFFICIAL, 85), (_A.ANONYMOUS, 15)])
SOURCE_KINDS = Table(
    [
        (SourceKind.REPORT, 50),
        (SourceKind.WIRE, 25),
        (SourceKind.ANALYSIS, 12),
        (SourceKind.OPINION, 7),
        (SourceKind.TRANSCRIPT, 6),
    ]
)
CLAIMS_PER_SOURCE = Table(
    [(1, 18), (2, 20), (3, 18), (4, 14), (5, 10), (6, 7), (7, 5), (8, 4), (9, 2), (10, 1), (12, 1)]
)
OUTLET_WEIGHTS = zipf(len(OUTLETS), 0.8)
