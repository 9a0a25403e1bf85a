-- Sozialraumkonferenzen (issue 14 § 1, ADR 0033): bodies (Gremien) per area, their members (people
-- with an account or organisations of the directory) with role and period, meetings with place or
-- online link, registrations and attendance, agenda items (proposed by the agenda builder, accepted,
-- "nicht behandelt" or merged) with their evidence, minutes per item, decisions with an optional vote
-- and a task that becomes a measure. Minutes are internal drafts until the meeting's minutes are
-- approved; then the text with private persons' names removed is published.
CREATE TABLE conference_body (
  tenant_id               text NOT NULL REFERENCES tenant(id),
  id                      integer GENERATED ALWAYS AS IDENTITY,
  kind                    text NOT NULL,
  name                    text NOT NULL,
  description             text NOT NULL DEFAULT '',
  organiser_department_id text,
  created_at              timestamptz NOT NULL DEFAULT now(),
  modified_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, organiser_department_id) REFERENCES department(tenant_id, id),
  CONSTRAINT conference_body_kind CHECK (kind IN ('sozialraumkonferenz', 'planungskonferenz', 'ag78', 'stadtteilrunde'))
);

CREATE TABLE conference_body_area (
  tenant_id   text NOT NULL,
  body_id     integer NOT NULL,
  area_id     integer NOT NULL,
  PRIMARY KEY (tenant_id, body_id, area_id),
  FOREIGN KEY (tenant_id, body_id) REFERENCES conference_body(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id)
);

CREATE TABLE conference_member (
  tenant_id        text NOT NULL,
  id               integer GENERATED ALWAYS AS IDENTITY,
  body_id          integer NOT NULL,
  user_id          integer,
  organisation_id  text,
  role             text NOT NULL DEFAULT 'member',
  valid_from       date NOT NULL,
  valid_to         date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  modified_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, body_id) REFERENCES conference_body(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user(tenant_id, id),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES directory_organization(tenant_id, id),
  CONSTRAINT conference_member_one CHECK ((user_id IS NULL) <> (organisation_id IS NULL)),
  CONSTRAINT conference_member_role CHECK (role IN ('chair', 'deputy', 'member', 'guest')),
  CONSTRAINT conference_member_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX conference_member_user_idx ON conference_member (tenant_id, user_id);

CREATE TABLE conference_meeting (
  tenant_id          text NOT NULL,
  id                 integer GENERATED ALWAYS AS IDENTITY,
  body_id            integer NOT NULL,
  title              text NOT NULL,
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz NOT NULL,
  place              text,
  online_url         text,
  status             text NOT NULL DEFAULT 'planned',
  sequence           integer NOT NULL DEFAULT 0,  -- iCalendar SEQUENCE: raised on every change
  invited_at         timestamptz,
  minutes_approved_at timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  modified_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, body_id) REFERENCES conference_body(tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT conference_meeting_status CHECK (status IN ('planned', 'invited', 'held', 'cancelled')),
  CONSTRAINT conference_meeting_period CHECK (ends_at > starts_at)
);
CREATE INDEX conference_meeting_body_idx ON conference_meeting (tenant_id, body_id, starts_at);

-- Registration (by the person) and attendance (recorded by the organiser) of people with an account.
CREATE TABLE conference_attendance (
  tenant_id      text NOT NULL,
  meeting_id     integer NOT NULL,
  user_id        integer NOT NULL,
  registered_at  timestamptz,
  attended       boolean,
  PRIMARY KEY (tenant_id, meeting_id, user_id),
  FOREIGN KEY (tenant_id, meeting_id) REFERENCES conference_meeting(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user(tenant_id, id)
);

CREATE TABLE conference_agenda_item (
  tenant_id       text NOT NULL,
  id              integer GENERATED ALWAYS AS IDENTITY,
  meeting_id      integer NOT NULL,
  status          text NOT NULL,
  position        integer,                       -- order among accepted items
  merged_into_id  integer,
  title           text NOT NULL,
  description     text NOT NULL DEFAULT '',
  source_kind     text,                          -- core SIGNAL_KINDS; NULL for the organiser's own items
  source_id       text,
  reason          text,
  evidence        jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  modified_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, meeting_id) REFERENCES conference_meeting(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, merged_into_id) REFERENCES conference_agenda_item(tenant_id, id),
  CONSTRAINT conference_agenda_item_status CHECK (status IN ('proposed', 'accepted', 'not_treated', 'merged')),
  CONSTRAINT conference_agenda_item_source CHECK ((source_kind IS NULL) = (source_id IS NULL))
);
CREATE UNIQUE INDEX conference_agenda_item_source_once ON conference_agenda_item
  (tenant_id, meeting_id, source_kind, source_id) WHERE source_kind IS NOT NULL;

CREATE TABLE conference_minutes (
  tenant_id        text NOT NULL,
  agenda_item_id   integer NOT NULL,
  notes            text NOT NULL DEFAULT '',
  speakers         jsonb NOT NULL DEFAULT '[]',  -- [{ name, private }]
  published_notes  text,                         -- set at approval: notes without private persons
  modified_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, agenda_item_id),
  FOREIGN KEY (tenant_id, agenda_item_id) REFERENCES conference_agenda_item(tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE conference_decision (
  tenant_id           text NOT NULL,
  id                  integer GENERATED ALWAYS AS IDENTITY,
  agenda_item_id      integer NOT NULL,
  text                text NOT NULL,
  vote_yes            integer,
  vote_no             integer,
  vote_abstain        integer,
  task_title          text,
  task_department_id  text,
  task_due_date       date,
  measure_id          text,                      -- the measure the task became (measures module)
  created_at          timestamptz NOT NULL DEFAULT now(),
  modified_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, agenda_item_id) REFERENCES conference_agenda_item(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, task_department_id) REFERENCES department(tenant_id, id),
  CONSTRAINT conference_decision_vote CHECK ((vote_yes IS NULL) = (vote_no IS NULL) AND (vote_no IS NULL) = (vote_abstain IS NULL))
);
