-- The entries a "did you mean" offered, so the metrics can tell how often customers pick one of them.
ALTER TABLE bot_turns ADD COLUMN choices uuid[];
