-- Logout at the identity provider (OpenID Connect RP-Initiated Logout 1.0). A session started by
-- single sign-on remembers the provider (issuer) and the ID token it was issued with: at sign-out
-- the app sends the person to the provider's end_session_endpoint with the ID token as
-- id_token_hint, so the provider session ends too. Both stay NULL for password sign-ins. The row
-- (and the token with it) is deleted when the session ends.
ALTER TABLE user_session ADD COLUMN oidc_issuer text;
ALTER TABLE user_session ADD COLUMN oidc_id_token text;
