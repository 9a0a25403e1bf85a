// Public face of the access module (ADR 0007, ADR 0028): who is asking (principal, access control),
// the permission catalogue, secrets, the tenant's access data and the routes. The command line
// (`cli.ts`) is not behind this door: the `sozialraum` command loads it lazily.
export {
  AccessControl,
  CSRF_HEADER,
  SESSION_COOKIE,
  missingPermission,
  notOwnDepartment,
} from './access-control.ts';
export { anonymousPrincipal, editorOf, type Principal, type PrincipalKind } from './principal.ts';
export { ALL_PERMISSIONS, type Permission } from './permissions.ts';
export { hashPassword, newSecret, sameSecret, sha256 } from './secrets.ts';
export { selectDepartmentIds, selectTenantName, syncAccessData } from './store.ts';
export { listDepartments } from './service.ts';
export { OIDC_COOKIE, registerOidcRoutes } from './oidc.ts';
export { registerAccessRoutes } from './routes.ts';
export { FailureThrottle, RateLimit } from './throttle.ts';
