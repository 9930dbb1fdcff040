-- Live chat: website inbox settings, contacts, visitors, conversations, messages, attachments, canned
-- responses, notifications. Tenant tables follow 001's rules (tenant_id + row-level security).

-- gen_random_uuid() draws from the server's strong random source (no pgcrypto needed)
CREATE OR REPLACE FUNCTION kefu_random_hex() RETURNS text
  LANGUAGE sql VOLATILE AS $$ SELECT replace(gen_random_uuid()::text, '-', '') $$;
ALTER TABLE inboxes ADD COLUMN public_id text NOT NULL DEFAULT substr(kefu_random_hex(), 1, 20);
CREATE UNIQUE INDEX inboxes_public_id_key ON inboxes (public_id);
-- identity verification secret (HMAC-SHA256 of the user id); rotated from the inbox settings
ALTER TABLE inboxes ADD COLUMN identity_secret text NOT NULL DEFAULT kefu_random_hex() || kefu_random_hex();

ALTER TABLE tenants ADD COLUMN conversation_seq bigint NOT NULL DEFAULT 0;
-- signs attachment links (HMAC), so files open in <img> without a session and links expire
ALTER TABLE tenants ADD COLUMN file_secret text NOT NULL DEFAULT kefu_random_hex() || kefu_random_hex();

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name text NOT NULL DEFAULT '',
  email text,
  phone text,
  external_id text,
  attributes jsonb NOT NULL DEFAULT '{}',
  page_context jsonb,
  search tsvector,
  merged_into uuid REFERENCES contacts(id) ON DELETE SET NULL,
  last_seen_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE UNIQUE INDEX contacts_external_key ON contacts (tenant_id, external_id) WHERE external_id IS NOT NULL AND merged_into IS NULL;
CREATE INDEX contacts_tenant_idx ON contacts (tenant_id, created_at DESC, id DESC);
CREATE INDEX contacts_email_idx ON contacts (tenant_id, lower(email));
CREATE INDEX contacts_search_idx ON contacts USING gin (search);

CREATE TABLE contact_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX contact_notes_contact_idx ON contact_notes (contact_id, created_at DESC);

-- A browser (one localStorage) talking to one inbox; tabs of the same site share it.
CREATE TABLE visitors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  inbox_id uuid NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  last_seen_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX visitors_contact_idx ON visitors (contact_id);

CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  number bigint NOT NULL,
  inbox_id uuid NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
  snoozed_until timestamptz,
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  labels text[] NOT NULL DEFAULT '{}',
  assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
  team_id uuid REFERENCES teams(id) ON DELETE SET NULL,
  page_context jsonb,
  last_message_at timestamptz NOT NULL DEFAULT kefu_now(),
  last_message jsonb,
  contact_last_read_at timestamptz,
  agent_last_read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now(),
  UNIQUE (tenant_id, number)
);
CREATE INDEX conversations_activity_idx ON conversations (tenant_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_contact_idx ON conversations (contact_id, created_at DESC);
CREATE INDEX conversations_assignee_idx ON conversations (tenant_id, assignee_id, status);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  client_id uuid NOT NULL,
  sender_type text NOT NULL CHECK (sender_type IN ('contact', 'agent', 'bot', 'system')),
  sender_id uuid,
  private boolean NOT NULL DEFAULT false,
  body text NOT NULL DEFAULT '',
  attachments jsonb NOT NULL DEFAULT '[]',
  mentions uuid[] NOT NULL DEFAULT '{}',
  search tsvector,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  -- one message per client id and conversation: a resend after a dropped connection is stored once
  UNIQUE (conversation_id, client_id)
);
CREATE INDEX messages_conversation_idx ON messages (conversation_id, created_at, id);
CREATE INDEX messages_search_idx ON messages USING gin (search);

-- Per agent: up to when they have read a conversation (unread counts).
CREATE TABLE conversation_reads (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  last_read_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
);

CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  filename text NOT NULL,
  content_type text NOT NULL,
  size int NOT NULL,
  storage_key text NOT NULL,
  uploaded_by_contact uuid REFERENCES contacts(id) ON DELETE SET NULL,
  uploaded_by_user uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT kefu_now()
);

CREATE TABLE canned_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  owner_id uuid REFERENCES users(id) ON DELETE CASCADE,
  shortcut text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  category text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE UNIQUE INDEX canned_shortcut_key ON canned_responses (tenant_id, COALESCE(owner_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(shortcut));

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL,
  conversation_id uuid REFERENCES conversations(id) ON DELETE CASCADE,
  message_id uuid REFERENCES messages(id) ON DELETE CASCADE,
  actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT kefu_now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['contacts', 'contact_notes', 'visitors', 'conversations', 'messages', 'conversation_reads',
    'attachments', 'canned_responses', 'notifications']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = kefu_current_tenant()) '
      'WITH CHECK (tenant_id = kefu_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO kefu_app', t);
  END LOOP;
END $$;
GRANT EXECUTE ON FUNCTION kefu_random_hex() TO kefu_app;
