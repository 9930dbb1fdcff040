-- Platform foundation: tenants, accounts, sessions, tokens, audit, events outbox, jobs, mail, inboxes.
-- Every tenant-owned table carries tenant_id and a row-level security policy bound to app.tenant_id,
-- which the application sets per transaction while running as the restricted role kefu_app.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kefu_app') THEN
    CREATE ROLE kefu_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END $$;

-- The connecting role must be able to SET ROLE kefu_app (a superuser always can).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'kefu_app', 'MEMBER') THEN
    EXECUTE format('GRANT kefu_app TO %I', current_user);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION kefu_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

-- Timestamps that serve as pagination keys are kept at millisecond precision, which JSON and JavaScript
-- dates carry exactly, so a cursor never falls between two microsecond values.
CREATE OR REPLACE FUNCTION kefu_now() RETURNS timestamptz
  LANGUAGE sql STABLE AS $$ SELECT date_trunc('milliseconds', now()) $$;

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  default_locale text NOT NULL DEFAULT 'zh-CN',
  timezone text NOT NULL DEFAULT 'Asia/Shanghai',
  business_hours jsonb NOT NULL DEFAULT '[]',
  event_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'supervisor', 'agent')),
  locale text NOT NULL DEFAULT 'zh-CN',
  presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
  active boolean NOT NULL DEFAULT true,
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now()
);
-- One account per e-mail address across the installation: login needs only e-mail and password.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_tenant_idx ON users (tenant_id, created_at, id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  last_seen_at timestamptz NOT NULL DEFAULT kefu_now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE password_resets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT kefu_now()
);

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'supervisor', 'agent')),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX invitations_tenant_idx ON invitations (tenant_id, created_at, id);

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE UNIQUE INDEX teams_name_key ON teams (tenant_id, lower(name));

CREATE TABLE team_members (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  scopes text[] NOT NULL,
  prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_tenant_idx ON api_tokens (tenant_id, created_at, id);

CREATE TABLE audit_log (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
  actor_token_id uuid REFERENCES api_tokens(id) ON DELETE SET NULL,
  action text NOT NULL,
  target_type text,
  target_id text,
  ip text,
  user_agent text,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, created_at DESC, id DESC);

-- The transactional outbox and the tenant's resumable event stream in one table.
CREATE TABLE events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  name text NOT NULL,
  payload jsonb NOT NULL,
  rooms text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  dispatched_at timestamptz,
  UNIQUE (tenant_id, seq)
);
CREATE INDEX events_pending_idx ON events (tenant_id, seq) WHERE dispatched_at IS NULL;
CREATE INDEX events_created_idx ON events (created_at);

CREATE TABLE idempotency_keys (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  principal text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status_code int,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  PRIMARY KEY (tenant_id, principal, key)
);

CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  to_address text NOT NULL,
  subject text NOT NULL,
  text text NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  error text,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_tenant_idx ON mail_outbox (tenant_id, created_at DESC, id DESC);

CREATE TABLE dead_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  queue text NOT NULL,
  name text NOT NULL,
  data jsonb NOT NULL,
  attempts int NOT NULL,
  error text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX dead_jobs_tenant_idx ON dead_jobs (tenant_id, failed_at DESC, id DESC);

CREATE TABLE inboxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('website', 'email', 'api', 'wechat')),
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX inboxes_tenant_idx ON inboxes (tenant_id, created_at, id);

-- Row-level security: the safety net under every repository's own tenant filter.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants USING (id = kefu_current_tenant()) WITH CHECK (id = kefu_current_tenant());

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'sessions', 'password_resets', 'invitations', 'teams', 'team_members',
    'api_tokens', 'audit_log', 'events', 'idempotency_keys', 'mail_outbox', 'dead_jobs', 'inboxes']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = kefu_current_tenant()) '
      'WITH CHECK (tenant_id = kefu_current_tenant())', t);
  END LOOP;
END $$;

GRANT USAGE ON SCHEMA public TO kefu_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kefu_app;
REVOKE ALL ON schema_migrations FROM kefu_app;
GRANT EXECUTE ON FUNCTION kefu_current_tenant() TO kefu_app;
GRANT EXECUTE ON FUNCTION kefu_now() TO kefu_app;
