-- The audit chain's hash format per entry (docs/methods/audit-chain.md, ADR 0021).
-- 1: the original format — JSON with keys sorted by JavaScript's object order (integer-like keys
--    first); every entry written before this migration keeps it and keeps verifying.
-- 2: RFC 8785 (JSON Canonicalization Scheme) over [2, tenant, seq, …, prev_hash]; every new entry.
ALTER TABLE audit_log ADD COLUMN chain_version smallint NOT NULL DEFAULT 1;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain_version CHECK (chain_version IN (1, 2));
