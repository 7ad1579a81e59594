"""The capture assistant behind `tracker draft`: it reads one news text and drafts a scenario
fragment (a source, its candidate claims, summit stubs) for an analyst to review.

Rules, not a model: spaCy's blank English pipeline (tokenizer, sentencizer, rule matchers; no
download) finds the cues of `lexicon.py`; the other modules are plain Python. The modules, in
the order the draft goes through them:

- `textinput.py`: reading the text (UTF-8, not empty, within the size limit).
- `source.py`: the source entry: id, outlet and publication date (from the options or the
  text's header), the file relative to the fragment, the hash of its bytes.
- `pipeline.py`: spaCy, loaded only here, and the sentences (a quotation is kept whole).
- `lexicon.py`: the words of kinds, modalities, meetings, speech and titles; data only.
- `cues.py`: the lexicon compiled into spaCy matchers, and the cues found in a text.
- `people.py`: the people a text names, with their titles, and who speaks in a sentence.
- `attribution.py`: the one decision of whose word a statement is.
- `sides.py`: whom a speaker speaks for (a title's or a body's country, a leader), as a summit
  knows the side (its party, participant, host, or a third party); a stub's parties and host.
- `reldates.py`: a small grammar of dates relative to the publication ("on Monday").
- `candidates.py`: clauses, and from their cues a candidate claim each.
- `summits.py`: the summits a candidate concerns, matched or proposed as stubs.
- `fragment.py`: the YAML fragment, with a comment beside each candidate.
- `assistant.py`: the whole draft, from a file's text to the fragment.
"""
