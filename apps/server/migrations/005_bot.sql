-- The bot: who handles a conversation (the bot until it hands off, then humans), structured extras on bot
-- messages (answer buttons, "did you mean" choices, solved/not-solved), the bot's memory per conversation,
-- and one row per customer message it handled (the trainer's workbench and the bot metrics read these).

ALTER TABLE conversations ADD COLUMN handler text NOT NULL DEFAULT 'human' CHECK (handler IN ('bot', 'human'));
CREATE INDEX conversations_handler_idx ON conversations (tenant_id, handler, status);

-- {"buttons": [{"label", "reply"?, "url"?}], "suggestions": [{"label", "faqId"}], "feedback": {"faqId"}}
ALTER TABLE messages ADD COLUMN content jsonb;

CREATE TABLE bot_sessions (
  conversation_id uuid PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- consecutive customer messages the bot could not place
  misses int NOT NULL DEFAULT 0,
  last_faq_id uuid,
  last_intent text,
  -- why it handed off: asked | anger | not_solved | misses; null while the bot still handles it
  handoff_reason text,
  handed_off_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX bot_sessions_tenant_idx ON bot_sessions (tenant_id, created_at);

CREATE TABLE bot_turns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  -- the customer's message and the bot's reply
  message_id uuid,
  reply_id uuid,
  text text NOT NULL,
  action text NOT NULL CHECK (action IN ('answer', 'suggest', 'fallback', 'handoff')),
  faq_id uuid,
  confidence real,
  -- the customer's verdict on an answer
  feedback text CHECK (feedback IN ('solved', 'not_solved')),
  created_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX bot_turns_tenant_idx ON bot_turns (tenant_id, created_at DESC);
CREATE INDEX bot_turns_reply_idx ON bot_turns (reply_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['bot_sessions', 'bot_turns']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = kefu_current_tenant()) '
      'WITH CHECK (tenant_id = kefu_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO kefu_app', t);
  END LOOP;
END $$;
