"""Following a PostgreSQL store as events are committed: the library's projection runner.

The runner subscribes to the store (LISTEN/NOTIFY) from the view's tracking position and
hands each event to `BeliefProjection`, which applies it and settles the summits it touched.
The view serialises its writers, so a follower and commands catching up never clash.
"""

from __future__ import annotations

import threading
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection, ProjectionRunner

from tracker.store.application import TrackerApplication
from tracker.store.changes import of_event
from tracker.store.guard import store_errors
from tracker.store.location import Location, environment
from tracker.store.postgres_view import PostgresBeliefView


class BeliefProjection(Projection[PostgresBeliefView]):
    name = "tracker"  # the view's tables and tracking are the application's own

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        position = tracking.notification_id
        self.view.apply(tracking.application_name, [of_event(position, domain_event)], checked_from=position)
        self.view.settle()


def runner(location: Location) -> ProjectionRunner[TrackerApplication, PostgresBeliefView]:
    """A started projection runner for the store at `location` (use as a context manager).

    Its connections have the URL's libpq parameters (see `tracker.store.pgfactory`)."""
    return ProjectionRunner(
        application_class=TrackerApplication,
        projection_class=BeliefProjection,
        view_class=PostgresBeliefView,
        env=environment(location),
    )


def follow(location: Location, stop: threading.Event | None = None) -> None:
    """Follow the store until `stop` is set (or forever); the runner's errors are re-raised,
    those of the store as `StoreUnavailable` (a message without the password)."""
    with store_errors(location), runner(location) as running:
        while not (stop and stop.is_set()):
            running.run_forever(timeout=0.5)
