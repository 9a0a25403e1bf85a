// Ids of directory records. HSDS 3.0 requires UUIDs. Records made from a source file get a
// name-based UUID (RFC 9562 version 5, SHA-1) of tenant, kind and source key, so reloading the
// same file gives the same ids and HSDS consumers keep their links; new records get random ones.
import { createHash, randomUUID } from 'node:crypto';

// Namespace of Sozialraum's directory ids (a fixed random UUID).
const NAMESPACE = Buffer.from('6f1d3c2a9b8e4c7d8a5f0e1b2c3d4e5f', 'hex');

/** The version-5 UUID of a key within a tenant and a record kind. */
export function stableUuid(tenantId: string, kind: string, key: string): string {
  const hash = createHash('sha1')
    .update(NAMESPACE)
    .update(`${tenantId}\u0000${kind}\u0000${key}`)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A new random UUID (records people create). */
export function newUuid(): string {
  return randomUUID();
}
