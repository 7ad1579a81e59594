"""The pure domain: models, vocabulary, dates, quotes and the belief rules."""
