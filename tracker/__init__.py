"""tracker: an event-sourced tracker of claims about summits that may or may not happen."""

__version__ = "0.1.0"
