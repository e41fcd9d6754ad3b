"""Corpus views over stored extraction output: one actor's positions, and who is quoted how often.

Everything here reads `quotex extract` documents (JSON Lines, shard folders); nothing parses
text or imports spaCy. `read` turns paths into documents, `names` and `actors` merge entities
across documents into actors (pure functions), `models` holds the output contract.
"""
