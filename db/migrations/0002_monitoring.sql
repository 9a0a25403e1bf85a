-- Monitoring (issue 4): composite index definitions as data, per tenant and versioned.
-- Saving a definition never overwrites: it inserts the next version (the latest version is the
-- current one), and the same transaction writes an audit_log entry. The definition itself is the
-- JSON of packages/core/src/monitoring/types.ts (IndexDefinition), checked by the core validator
-- before it is stored. Method: docs/methods/index-engine.md.
CREATE TABLE index_definition (
  tenant_id    text NOT NULL REFERENCES tenant(id),
  id           text NOT NULL,                   -- slug, e.g. 'sozialindex-bezirk'
  version      integer NOT NULL,                -- 1, 2, … ; the highest is current
  name_de      text NOT NULL,
  definition   jsonb NOT NULL,                  -- IndexDefinition (core/monitoring/types.ts)
  preset       text,                            -- preset it started from, e.g. 'mss-2019-2021'; NULL = own
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   text NOT NULL,
  PRIMARY KEY (tenant_id, id, version),
  CONSTRAINT index_definition_version_positive CHECK (version >= 1),
  CONSTRAINT index_definition_id_format CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$')
);
