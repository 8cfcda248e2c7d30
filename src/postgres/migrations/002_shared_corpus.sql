-- The corpus itself, shared by every replica: each change is a new version listing its files by content
-- hash; the bytes are kept once. Nothing is ever deleted, so every earlier version stays retrievable.

CREATE TABLE corpus_blobs (
  sha256 text PRIMARY KEY,
  bytes bytea NOT NULL
);

CREATE TABLE corpus_versions (
  version bigint PRIMARY KEY,
  parent bigint REFERENCES corpus_versions (version),
  action text NOT NULL,
  doc_id text,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The audit record of the change, as `DATA_DIR/audit.jsonl` holds it on every replica.
  audit jsonb
);

CREATE TABLE corpus_version_files (
  version bigint NOT NULL REFERENCES corpus_versions (version),
  file_name text NOT NULL,
  sha256 text NOT NULL REFERENCES corpus_blobs (sha256),
  PRIMARY KEY (version, file_name)
);

-- The versions of documents that left the corpus, as `DATA_DIR/history` holds them on every replica.
CREATE TABLE corpus_history (
  id text PRIMARY KEY,
  version bigint NOT NULL REFERENCES corpus_versions (version),
  entry jsonb NOT NULL,
  sha256 text NOT NULL REFERENCES corpus_blobs (sha256)
);

-- Exactly one row: the version every replica should serve.
CREATE TABLE corpus_live (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version bigint NOT NULL REFERENCES corpus_versions (version)
);

-- Uploads refused because the corpus changed on another replica while they were checked: kept, not lost.
CREATE TABLE corpus_refused_uploads (
  id bigserial PRIMARY KEY,
  action text NOT NULL,
  doc_id text,
  file_name text NOT NULL,
  sha256 text NOT NULL REFERENCES corpus_blobs (sha256),
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  base_version bigint,
  live_version bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);
