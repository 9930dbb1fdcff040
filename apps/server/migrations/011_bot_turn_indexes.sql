-- The bot reads a conversation's turns on every customer message, and related questions (相关问题) count which
-- entries were answered together: both were scans of the tenant's whole history.
CREATE INDEX bot_turns_conversation_idx ON bot_turns (conversation_id, created_at);
CREATE INDEX bot_turns_faq_idx ON bot_turns (tenant_id, faq_id, created_at DESC) WHERE action = 'answer';
