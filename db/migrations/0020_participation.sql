-- Participation (issue 13, ADR 0031): residents' reports (Hinweise/Ideen) on the map, supports,
-- flags, moderation and the single use of proof-of-work challenges. Personal data is kept to the
-- optional e-mail address (double opt-in); the author's deletion code and the supporters' device
-- ids are stored only as SHA-256 hashes.
CREATE TABLE participation_settings (
  tenant_id        text PRIMARY KEY REFERENCES tenant(id),
  flag_threshold   integer NOT NULL DEFAULT 3 CHECK (flag_threshold >= 0),  -- 0 = never hide automatically
  pow_difficulty   integer NOT NULL DEFAULT 16 CHECK (pow_difficulty BETWEEN 0 AND 28),
  privacy_notice   text
);

CREATE TABLE participation_report (
  tenant_id         text NOT NULL REFERENCES tenant(id),
  id                integer GENERATED ALWAYS AS IDENTITY,
  kind              text NOT NULL CHECK (kind IN ('hint', 'idea')),
  topic             text NOT NULL,
  body              text NOT NULL,
  lon               double precision NOT NULL,
  lat               double precision NOT NULL,
  area_id           integer,                       -- finest current area containing the point
  status            text NOT NULL DEFAULT 'received'
                    CHECK (status IN ('received', 'in_review', 'forwarded', 'conference', 'done', 'rejected')),
  public_answer     text,
  hidden            boolean NOT NULL DEFAULT false,
  hidden_reason     text,
  reviewed          boolean NOT NULL DEFAULT false, -- a moderator decided: flags no longer hide it
  moderator_note    text,
  flag_count        integer NOT NULL DEFAULT 0,
  support_count     integer NOT NULL DEFAULT 0,
  email             text,
  email_confirmed   boolean NOT NULL DEFAULT false,
  email_token_hash  text,
  delete_token_hash text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id)
);
CREATE INDEX participation_report_public_idx ON participation_report (tenant_id, hidden, created_at);

CREATE TABLE participation_support (
  tenant_id     text NOT NULL,
  report_id     integer NOT NULL,
  device_hash   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, report_id, device_hash),
  FOREIGN KEY (tenant_id, report_id) REFERENCES participation_report(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE participation_flag (
  tenant_id     text NOT NULL,
  report_id     integer NOT NULL,
  device_hash   text NOT NULL,
  reason        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, report_id, device_hash),
  FOREIGN KEY (tenant_id, report_id) REFERENCES participation_report(tenant_id, id) ON DELETE CASCADE
);

-- A solved proof-of-work challenge counts once: its SHA-256 is recorded here when used.
CREATE TABLE participation_pow_used (
  tenant_id      text NOT NULL REFERENCES tenant(id),
  challenge_hash text NOT NULL,
  used_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, challenge_hash)
);
