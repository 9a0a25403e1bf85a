-- People and trust (issue 3): tenants in a hierarchy, departments and organisations, permissions,
-- roles as data, accounts, sessions, API tokens, password reset links, indicator shares and a
-- hash-chained audit log. Decisions: docs/adr/0007-access-control.md.

-- A Kreis and its Gemeinden: one installation, several tenants; parent_id names the Kreis.
ALTER TABLE tenant ADD COLUMN parent_id text REFERENCES tenant(id);

-- Departments (Fachplanungen) and outside organisations (Träger, housing companies, civic groups).
CREATE TABLE department (
  tenant_id   text NOT NULL REFERENCES tenant(id),
  id          text NOT NULL,                     -- slug, e.g. 'jugendhilfeplanung'
  name        text NOT NULL,
  kind        text NOT NULL DEFAULT 'department',
  org_type    text,                              -- organisations: 'Träger', 'Wohnungsunternehmen', …
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT department_kind CHECK (kind IN ('department', 'organisation')),
  CONSTRAINT department_id_format CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$')
);

-- Existing owners were free text ('Sozialplanung'): turn each into a department record.
INSERT INTO department (tenant_id, id, name)
SELECT DISTINCT tenant_id,
       lower(regexp_replace(translate(department, 'ÄÖÜäöüß', 'AOUaous'), '[^A-Za-z0-9]+', '-', 'g')),
       department
  FROM (SELECT tenant_id, department FROM indicator UNION SELECT tenant_id, department FROM alert_rule) d
ON CONFLICT DO NOTHING;
UPDATE indicator
   SET department = lower(regexp_replace(translate(department, 'ÄÖÜäöüß', 'AOUaous'), '[^A-Za-z0-9]+', '-', 'g'));
UPDATE alert_rule
   SET department = lower(regexp_replace(translate(department, 'ÄÖÜäöüß', 'AOUaous'), '[^A-Za-z0-9]+', '-', 'g'));
ALTER TABLE indicator ADD FOREIGN KEY (tenant_id, department) REFERENCES department(tenant_id, id);
ALTER TABLE alert_rule ADD FOREIGN KEY (tenant_id, department) REFERENCES department(tenant_id, id);

-- One indicator shared with named departments beyond its visibility (read access).
CREATE TABLE indicator_share (
  tenant_id      text NOT NULL,
  indicator_id   text NOT NULL,
  department_id  text NOT NULL,
  PRIMARY KEY (tenant_id, indicator_id, department_id),
  FOREIGN KEY (tenant_id, indicator_id) REFERENCES indicator(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, department_id) REFERENCES department(tenant_id, id)
);

-- Permissions are named module.verb; the catalogue comes from the modules' policy files and is
-- synchronised at start. Roles map to permissions per tenant.
CREATE TABLE permission (
  id              text PRIMARY KEY,
  module          text NOT NULL,
  description_de  text NOT NULL
);

CREATE TABLE role (
  tenant_id       text NOT NULL REFERENCES tenant(id),
  id              text NOT NULL,                 -- 'administrator', 'sozialplanung', …
  name_de         text NOT NULL,
  description_de  text NOT NULL DEFAULT '',
  builtin         boolean NOT NULL DEFAULT false, -- built-in roles follow the code's defaults
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT role_id_format CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$')
);

CREATE TABLE role_permission (
  tenant_id      text NOT NULL,
  role_id        text NOT NULL,
  permission_id  text NOT NULL REFERENCES permission(id),
  PRIMARY KEY (tenant_id, role_id, permission_id),
  FOREIGN KEY (tenant_id, role_id) REFERENCES role(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE app_user (
  tenant_id      text NOT NULL REFERENCES tenant(id),
  id             integer GENERATED ALWAYS AS IDENTITY,
  email          text NOT NULL,
  display_name   text NOT NULL,
  password_hash  text,                           -- argon2id; NULL = sign-in by single sign-on only
  department_id  text,
  active         boolean NOT NULL DEFAULT true,
  oidc_issuer    text,
  oidc_subject   text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, department_id) REFERENCES department(tenant_id, id)
);
-- Sign-in is by e-mail address: an address names one account in the whole installation.
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));
CREATE UNIQUE INDEX app_user_oidc ON app_user (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

CREATE TABLE user_role (
  tenant_id  text NOT NULL,
  user_id    integer NOT NULL,
  role_id    text NOT NULL,
  PRIMARY KEY (tenant_id, user_id, role_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, role_id) REFERENCES role(tenant_id, id)
);

-- Sessions: the cookie holds a random secret, the database only its SHA-256.
CREATE TABLE user_session (
  id_hash       text PRIMARY KEY,
  tenant_id     text NOT NULL,
  user_id       integer NOT NULL,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text,
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX user_session_user ON user_session (tenant_id, user_id);

-- API tokens for scripts: scoped to a subset of the owner's permissions, revocable.
CREATE TABLE api_token (
  tenant_id     text NOT NULL,
  id            integer GENERATED ALWAYS AS IDENTITY,
  user_id       integer NOT NULL,
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  prefix        text NOT NULL,                   -- first characters, shown to recognise a token
  scopes        text[] NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user(tenant_id, id) ON DELETE CASCADE
);

-- One-time links for password reset and for the first administrator's setup.
CREATE TABLE password_reset (
  token_hash  text PRIMARY KEY,
  tenant_id   text NOT NULL,
  user_id     integer NOT NULL,
  purpose     text NOT NULL DEFAULT 'reset',
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user(tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT password_reset_purpose CHECK (purpose IN ('reset', 'setup'))
);

-- Audit: who (actor + user), which permission, from where (ip, request id), what (detail holds
-- before/after as a diff), chained by hashes per tenant (docs/methods/audit-chain.md).
ALTER TABLE audit_log
  ADD COLUMN user_id     integer,
  ADD COLUMN permission  text,
  ADD COLUMN ip          text,
  ADD COLUMN request_id  text,
  ADD COLUMN seq         bigint,
  ADD COLUMN prev_hash   text,
  ADD COLUMN hash        text;
CREATE UNIQUE INDEX audit_log_seq ON audit_log (tenant_id, seq);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity, entity_id);

-- The newest link of each tenant's chain; locked while an entry is appended so the chain never forks.
CREATE TABLE audit_chain_head (
  tenant_id  text PRIMARY KEY REFERENCES tenant(id),
  seq        bigint NOT NULL,
  hash       text NOT NULL
);
