-- Task flows: the bot collects slots (an order number, …), calls the company's endpoint and answers from
-- its response. The source (YAML or JSON as written) is kept beside its checked form; the secret is sent to
-- the endpoint as {{secret}} and never returned by the API.

CREATE TABLE bot_flows (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  -- phrases that start the flow, learnt by the bot like an FAQ entry's questions
  triggers text[] NOT NULL DEFAULT '{}',
  source text NOT NULL,
  definition jsonb NOT NULL,
  secret text,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now(),
  UNIQUE (tenant_id, name)
);

-- a flow in progress: {"flowId", "slot": index of the slot being asked, "values": {}, "attempts"}
ALTER TABLE bot_sessions ADD COLUMN flow jsonb;

ALTER TABLE bot_flows ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bot_flows USING (tenant_id = kefu_current_tenant())
  WITH CHECK (tenant_id = kefu_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON bot_flows TO kefu_app;

-- a turn may now be a step of a flow
ALTER TABLE bot_turns DROP CONSTRAINT bot_turns_action_check;
ALTER TABLE bot_turns ADD CONSTRAINT bot_turns_action_check
  CHECK (action IN ('answer', 'suggest', 'fallback', 'handoff', 'flow'));
