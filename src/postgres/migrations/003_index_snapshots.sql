-- Index snapshots by the corpus version they were built for, so that a replica starting or catching up later
-- loads one instead of building it. A snapshot's name carries the index format and the content it indexes, so
-- a replica running other code, or holding other files, never uses one that is not its own: it builds instead.
CREATE TABLE index_snapshots (
  version bigint NOT NULL REFERENCES corpus_versions (version),
  name text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version, name)
);
