-- Personal calendar feeds of Sozialraumkonferenzen (issue 14 § 1): a calendar application fetches
-- /api/conferences/calendar.ics?token=… without a session; only the token's SHA-256 is stored.
-- A new token replaces the old one.
CREATE TABLE conference_feed_token (
  tenant_id    text NOT NULL,
  user_id      integer NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES app_user(tenant_id, id)
);
