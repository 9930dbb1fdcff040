-- Knowledge base: a category tree, articles with per-locale translations and a version history, FAQ entries
-- (standard question + similar questions + answer, the bot's training data) and "was this helpful?" votes from
-- the public help center. Tenant tables follow 001's rules (tenant_id + row-level security).
-- Search columns hold to_tsvector('simple', …) over tokens pre-segmented by @kefu/nlp (jieba for Chinese).

CREATE TABLE kb_categories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  -- the tree; a category with children, articles or FAQ entries cannot be deleted
  parent_id uuid REFERENCES kb_categories(id) ON DELETE RESTRICT,
  -- per-locale texts: {"zh-CN": "配送", "en": "Shipping"}
  names jsonb NOT NULL DEFAULT '{}',
  descriptions jsonb NOT NULL DEFAULT '{}',
  position int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX kb_categories_tenant_idx ON kb_categories (tenant_id, parent_id, position);

CREATE TABLE kb_articles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  category_id uuid REFERENCES kb_categories(id) ON DELETE RESTRICT,
  slug text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  tags text[] NOT NULL DEFAULT '{}',
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  -- the number of the latest kb_article_versions row
  version int NOT NULL DEFAULT 0,
  views bigint NOT NULL DEFAULT 0,
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now(),
  UNIQUE (tenant_id, slug)
);
CREATE INDEX kb_articles_tenant_idx ON kb_articles (tenant_id, created_at DESC, id DESC);
CREATE INDEX kb_articles_category_idx ON kb_articles (tenant_id, category_id, status);

CREATE TABLE kb_article_translations (
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  title text NOT NULL,
  -- meta description and search-result summary
  description text NOT NULL DEFAULT '',
  body_md text NOT NULL DEFAULT '',
  search tsvector,
  updated_at timestamptz NOT NULL DEFAULT kefu_now(),
  PRIMARY KEY (article_id, locale)
);
CREATE INDEX kb_article_translations_search_idx ON kb_article_translations USING gin (search);
CREATE INDEX kb_article_translations_tenant_idx ON kb_article_translations (tenant_id);

-- One snapshot per save (all translations and the article's fields), so any earlier state can be restored.
CREATE TABLE kb_article_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  version int NOT NULL,
  snapshot jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  UNIQUE (article_id, version)
);

CREATE TABLE kb_faqs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  category_id uuid REFERENCES kb_categories(id) ON DELETE RESTRICT,
  locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  question text NOT NULL,
  -- 相似问法: other ways customers ask the same thing
  similar_questions text[] NOT NULL DEFAULT '{}',
  -- {"text": "markdown", "buttons": [{"label": "…", "reply"?: "…", "url"?: "https://…"}]}
  answer jsonb NOT NULL,
  -- per-channel overrides of the answer: {"wechat": {"text": …, "buttons": …}, …}
  channel_answers jsonb NOT NULL DEFAULT '{}',
  valid_from timestamptz,
  valid_until timestamptz,
  tags text[] NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  search tsvector,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now(),
  CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_until > valid_from)
);
-- one entry per standard question and locale: the bot's labels stay unambiguous and imports can upsert by it
CREATE UNIQUE INDEX kb_faqs_question_key ON kb_faqs (tenant_id, locale, lower(question));
CREATE INDEX kb_faqs_tenant_idx ON kb_faqs (tenant_id, created_at DESC, id DESC);
CREATE INDEX kb_faqs_category_idx ON kb_faqs (tenant_id, category_id);
CREATE INDEX kb_faqs_search_idx ON kb_faqs USING gin (search);

-- "Was this helpful?": one vote per article and visitor (a hashed help-center cookie); a new vote replaces it.
CREATE TABLE kb_feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  fingerprint text NOT NULL,
  locale text NOT NULL,
  helpful boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT kefu_now(),
  updated_at timestamptz NOT NULL DEFAULT kefu_now(),
  UNIQUE (article_id, fingerprint)
);
CREATE INDEX kb_feedback_tenant_idx ON kb_feedback (tenant_id, article_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['kb_categories', 'kb_articles', 'kb_article_translations', 'kb_article_versions',
    'kb_faqs', 'kb_feedback']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = kefu_current_tenant()) '
      'WITH CHECK (tenant_id = kefu_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO kefu_app', t);
  END LOOP;
END $$;
