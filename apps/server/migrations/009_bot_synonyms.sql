-- Synonyms (同义词): groups of words a company's customers use for one thing (「发货」, 「寄出」, 「发出」). The bot
-- reads every word of a group as the group's first word, in its FAQ questions and in customer messages.

CREATE TABLE bot_synonyms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- as typed; the first names the group
  terms text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 20),
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX bot_synonyms_tenant_idx ON bot_synonyms (tenant_id, created_at);

ALTER TABLE bot_synonyms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bot_synonyms USING (tenant_id = kefu_current_tenant())
  WITH CHECK (tenant_id = kefu_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON bot_synonyms TO kefu_app;
