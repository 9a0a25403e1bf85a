-- Participation, the gaps of issue 13 (ADR 0041): photos on reports, comments on reports
-- (optional per tenant, moderated like reports), hidden free-text answers of surveys, and the
-- revisions of edited assessments.

-- Up to 3 photos per report. The bytes live in the files service (kind 'photo', one folder per
-- photo, file_id = its folder id), re-encoded without any metadata; the row goes with its report.
CREATE TABLE participation_photo (
  tenant_id   text NOT NULL,
  id          integer GENERATED ALWAYS AS IDENTITY,
  report_id   integer NOT NULL,
  file_id     text NOT NULL CHECK (file_id ~ '^[a-f0-9]{24}$'),
  width       integer NOT NULL CHECK (width > 0),
  height      integer NOT NULL CHECK (height > 0),
  bytes       integer NOT NULL CHECK (bytes > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, report_id) REFERENCES participation_report(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX participation_photo_report_idx ON participation_photo (tenant_id, report_id);

-- Comments are off until the tenant switches them on.
ALTER TABLE participation_settings ADD COLUMN comments_enabled boolean NOT NULL DEFAULT false;

-- Comments on a report: plain text (rendered as text, never as HTML), moderated like reports.
CREATE TABLE participation_comment (
  tenant_id      text NOT NULL,
  id             integer GENERATED ALWAYS AS IDENTITY,
  report_id      integer NOT NULL,
  body           text NOT NULL,
  hidden         boolean NOT NULL DEFAULT false,
  hidden_reason  text,
  reviewed       boolean NOT NULL DEFAULT false,
  moderator_note text,
  flag_count     integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, report_id) REFERENCES participation_report(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX participation_comment_report_idx ON participation_comment (tenant_id, report_id, created_at);

CREATE TABLE participation_comment_flag (
  tenant_id    text NOT NULL,
  comment_id   integer NOT NULL,
  device_hash  text NOT NULL,
  reason       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, comment_id, device_hash),
  FOREIGN KEY (tenant_id, comment_id) REFERENCES participation_comment(tenant_id, id) ON DELETE CASCADE
);

-- A free-text answer a moderator hid (insults, names, addresses): left out of the export and the
-- free-text view; the response itself still counts.
CREATE TABLE survey_answer_hidden (
  tenant_id    text NOT NULL,
  response_id  integer NOT NULL,
  question_id  text NOT NULL,
  reason       text NOT NULL,
  hidden_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, response_id, question_id),
  FOREIGN KEY (tenant_id, response_id) REFERENCES survey_response(tenant_id, id) ON DELETE CASCADE
);

-- Each edit of an assessment keeps the version it replaced.
CREATE TABLE assessment_revision (
  tenant_id      text NOT NULL,
  assessment_id  integer NOT NULL,
  revision       integer NOT NULL,
  snapshot       jsonb NOT NULL,
  revised_by     text NOT NULL,
  revised_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, assessment_id, revision),
  FOREIGN KEY (tenant_id, assessment_id) REFERENCES assessment(tenant_id, id) ON DELETE CASCADE
);
