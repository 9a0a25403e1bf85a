-- E-mail for alert subscriptions (issue 4, § 3: "e-mail is sent when SMTP is configured"). One row per
-- alert and subscription that was mailed; the primary key makes a second mail for the same pair
-- impossible. A row is claimed before the SMTP delivery and removed again when delivery fails, so a
-- failed mail is retried at the next detection run and a delivered one is never sent twice.
CREATE TABLE alert_mail (
  tenant_id       text NOT NULL,
  alert_id        integer NOT NULL,
  subscription_id integer NOT NULL,
  sent_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, alert_id, subscription_id),
  FOREIGN KEY (tenant_id, alert_id) REFERENCES alert(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, subscription_id) REFERENCES alert_subscription(tenant_id, id) ON DELETE CASCADE
);
