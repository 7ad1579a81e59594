"""The PostgreSQL advisory locks of a tracker store, in one place so that they never collide."""

VIEW_LOCK = 0x7472_6163_6B65_72
"""Held (per transaction) by the read model's writers: commands catching up, a follower."""
SETUP_LOCK = 0x7472_6163_6B65_73
"""Held while a process creates the store's tables: concurrent DDL fails where writes do not."""
