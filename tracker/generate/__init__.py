"""A deterministic, streaming generator of realistic synthetic corpora.

`generate(claims, summits, seed)` yields the corpus as self-contained `Scenario` chunks of
`per_chunk` claims each (the last one fewer), built directly from the domain models; `write_corpus` writes
the same chunks as standalone scenario files (`corpus-00001.yaml`, ...) through the one
scenario writer, `tracker.scenario.writer`. Only the table of
summits is held in memory, never the corpus, so a million claims stream in constant memory.

What the corpus looks like:

- Summits of two to four leaders, each with a hidden plan: a scheduled day (2024-2027), a
  true venue, and a fate (held on schedule, cancelled some weeks before, or left open and
  never held). Most have a published window and venue; some an approximate bracket, some an
  open-ended window, some none (a claim may disclose the venue later). A few are historic
  (2015-2023) meetings that sources only mention as held.
- Which summit a source is about follows a Zipf law: a few summits get thousands of claims,
  most a handful. A source's publication day follows its main summit's plan (mostly in the
  months before the scheduled day), so claim kinds follow the story: rumors and
  possibilities early, proposals and confirmations closer, held or cancelled afterwards,
  denials throughout. About 5% of sources are dated only by a range (with `dated_by`).
- Chunks are in generation order, not publication order: every chunk spans the whole
  period, as sources of any age arrive late.
- Quotes are short sentences built from word lists (speaker, place, verb); a source's text
  is its sentences joined, with a background sentence now and then.
- About 1% of claims are retracted and a few corrected, in the chunk of the claim.

Everything comes from one `random.Random(seed)`: the same arguments give the same corpus.
"""

from tracker.generate.corpus import Chunk, generate, generate_chunks
from tracker.generate.files import chunk_yaml, write_corpus
from tracker.generate.plan import FIRST_DAY, LAST_DAY

__all__ = ["FIRST_DAY", "LAST_DAY", "Chunk", "chunk_yaml", "generate", "generate_chunks", "write_corpus"]

# Modules: `leaders` and `words` (vocabulary), `tables` (weighted choices), `plan` (each
# summit's hidden plan), `weights` (how often each kind appears), `claims` and `corpus` (the
# generator), `files` (writing, through `tracker.scenario.writer`).
