-- a turn may be small talk (greetings, thanks, goodbyes): answered, but neither a question nor a miss
ALTER TABLE bot_turns DROP CONSTRAINT bot_turns_action_check;
ALTER TABLE bot_turns ADD CONSTRAINT bot_turns_action_check
  CHECK (action IN ('answer', 'suggest', 'fallback', 'handoff', 'flow', 'smalltalk'));
