-- Optional, per tenant: an OpenAI-compatible endpoint for embeddings and chat. With it the bot retrieves
-- passages by meaning as well as by words, and answers questions its FAQ entries do not cover from the
-- knowledge base, citing its sources, or says it does not know.

CREATE TABLE bot_ai_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT false,
  base_url text NOT NULL,
  api_key text,
  embedding_model text NOT NULL,
  chat_model text NOT NULL,
  -- passages scoring below this (0..1, hybrid of meaning and words) do not count as support
  min_score real NOT NULL DEFAULT 0.35,
  updated_at timestamptz NOT NULL DEFAULT kefu_now()
);

-- embeddings of knowledge-base passages, per model; recomputed when a passage's text changes
CREATE TABLE kb_embeddings (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  passage_key text NOT NULL,
  model text NOT NULL,
  text_hash text NOT NULL,
  vector real[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  PRIMARY KEY (tenant_id, passage_key, model)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['bot_ai_settings', 'kb_embeddings']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = kefu_current_tenant()) '
      'WITH CHECK (tenant_id = kefu_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO kefu_app', t);
  END LOOP;
END $$;
