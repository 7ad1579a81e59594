"""eventsourcing's PostgreSQL persistence, with the libpq parameters of the store's URL.

The library's factory reads host, port, user, password and database from POSTGRES_* keys
and has no key for sslmode, application_name, options and the like. This module (named by
`PERSISTENCE_MODULE` in the environment `tracker.store.location` makes for a postgresql://
URL) is that factory, adding the URL's parameters to the keyword arguments its connection
pool passes to every connection it makes: those of the application, of the read model, of
a follower's subscription, and those made again later. Nothing goes through the process's
environment, so stores with different parameters can be open in one process. It is a
`PostgresFactory`, so it gets the tracker's recorder as the library's factory does
(`tracker.store.recorders.recorder_topic`).
"""

from __future__ import annotations

from typing import Any

import eventsourcing.postgres as library

from tracker.store.location import connection_parameters


class TrackerPostgresFactory(library.PostgresFactory):
    def __init__(self, env: Any) -> None:
        super().__init__(env)
        kwargs = self.datastore.pool.kwargs
        assert isinstance(kwargs, dict)
        kwargs.update(connection_parameters(self.env))
