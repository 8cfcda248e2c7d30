-- What every replica of the bot must see alike: cooldowns, paged results, the scheduled posts' bookmark,
-- and which replicas are running.

CREATE TABLE cooldowns (
  key text PRIMARY KEY,
  ready_at timestamptz NOT NULL
);

CREATE TABLE pages (
  key text PRIMARY KEY,
  kind text NOT NULL,
  owner_id text NOT NULL,
  value jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX pages_expires_at ON pages (expires_at);

CREATE TABLE state_documents (
  name text PRIMARY KEY,
  body text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE replicas (
  id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),
  stopped_at timestamptz,
  leader boolean NOT NULL DEFAULT false,
  corpus_version text
);
