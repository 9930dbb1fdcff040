-- Agents show a picture to customers in the chat widget.
ALTER TABLE users ADD COLUMN avatar_url text;

-- When an agent's workspace was last connected (realtime heartbeat): "online" needs a live connection.
ALTER TABLE users ADD COLUMN last_seen_at timestamptz;
