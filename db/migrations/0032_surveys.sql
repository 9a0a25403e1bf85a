-- Surveys (Befragungen, issue 13 § 3, ADR 0038): questionnaires per area or city, answers without
-- personal data, and which indicators were made from a survey. A response keeps its answers and the
-- day it arrived — no IP address, no browser token, no account. "One response per browser" is kept
-- in a separate table of SHA-256 hashes of the browser's random token (or of the account for
-- signed-in surveys) that has no link to the response row, so the two cannot be joined.
CREATE TABLE survey (
  tenant_id         text NOT NULL REFERENCES tenant(id),
  id                integer GENERATED ALWAYS AS IDENTITY,
  title             text NOT NULL,
  intro             text NOT NULL DEFAULT '',
  area_id           integer,                        -- null = the whole city
  picker_system_id  text,                           -- the area question offers the current areas
  picker_level_id   text,                           -- of this level (null when there is none)
  opens_on          date,
  closes_on         date,
  access            text NOT NULL DEFAULT 'anonymous' CHECK (access IN ('anonymous', 'signed_in')),
  results_public    boolean NOT NULL DEFAULT true,
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  definition        jsonb NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE SET NULL (area_id)
);
CREATE INDEX survey_status_idx ON survey (tenant_id, status);

CREATE TABLE survey_response (
  tenant_id     text NOT NULL,
  survey_id     integer NOT NULL,
  id            integer GENERATED ALWAYS AS IDENTITY,
  answers       jsonb NOT NULL,
  submitted_on  date NOT NULL DEFAULT CURRENT_DATE,  -- the day only: no time to match with logs
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, survey_id) REFERENCES survey(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX survey_response_survey_idx ON survey_response (tenant_id, survey_id);

CREATE TABLE survey_respondent (
  tenant_id     text NOT NULL,
  survey_id     integer NOT NULL,
  token_hash    text NOT NULL,
  PRIMARY KEY (tenant_id, survey_id, token_hash),
  FOREIGN KEY (tenant_id, survey_id) REFERENCES survey(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE survey_indicator (
  tenant_id     text NOT NULL,
  survey_id     integer NOT NULL,
  indicator_id  text NOT NULL,
  question_id   text NOT NULL,
  option_id     text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, indicator_id),
  FOREIGN KEY (tenant_id, survey_id) REFERENCES survey(tenant_id, id) ON DELETE CASCADE
);
