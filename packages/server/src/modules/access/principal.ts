// Who is asking: an anonymous visitor of a tenant, a signed-in person (session cookie) or a script
// (API token). Permissions are resolved once per request from roles stored as data.
import type { Editor } from '@sozialraum/contracts/rules';
export type PrincipalKind = 'anonymous' | 'session' | 'token';

export interface Principal {
  kind: PrincipalKind;
  tenantId: string;
  /** null for anonymous visitors. */
  userId: number | null;
  /** Shown in the audit log: the e-mail address, or 'anonym'. */
  name: string;
  displayName: string;
  departmentId: string | null;
  roles: readonly string[];
  permissions: ReadonlySet<string>;
  /** Session principals: the token the client must send with every changing request. */
  csrfToken?: string;
  /** Session principals: SHA-256 of the cookie secret (to log out). */
  sessionHash?: string;
  tokenId?: number;
}

/** The visitor without sign-in: the tenant's 'anonymous' role decides what they may read. */
export function anonymousPrincipal(tenantId: string, permissions: ReadonlySet<string>): Principal {
  return {
    kind: 'anonymous',
    tenantId,
    userId: null,
    name: 'anonym',
    displayName: 'Öffentlich',
    departmentId: null,
    roles: ['anonymous'],
    permissions,
  };
}

/** The principal as the contract's edit rules see it (permissions held, own department). */
export function editorOf(principal: Principal): Editor {
  return {
    holds: (permission) => principal.permissions.has(permission),
    departmentId: principal.departmentId,
  };
}
