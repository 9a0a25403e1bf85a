// Contract of the access module: sign-in/out, who am I, password change and reset, own API tokens,
// and the administration of people, departments and roles (bodies and answers).
import { z } from 'zod';

const email = z.email({ error: 'erwartet eine E-Mail-Adresse' }).max(254);
/** Ids of departments and roles: lower case letters, digits, - and _. */
export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, {
  error: 'nur Kleinbuchstaben, Ziffern, - und _ (max. 63)',
});
const slug = slugSchema;

export const meSchema = z.object({
  signedIn: z.boolean(),
  kind: z.enum(['anonymous', 'session', 'token']),
  tenant: z.object({ id: z.string(), name: z.string(), ags: z.string() }),
  user: z
    .object({
      id: z.number(),
      email: z.string(),
      displayName: z.string(),
      departmentId: z.string().nullable(),
      roles: z.array(z.string()),
    })
    .nullable(),
  permissions: z.array(z.string()),
  csrfToken: z.string().nullable(),
  sso: z.object({ enabled: z.boolean(), label: z.string() }),
});
export type Me = z.output<typeof meSchema>;

export const publicUserSchema = z.object({
  id: z.number(),
  email: z.string(),
  displayName: z.string(),
  departmentId: z.string().nullable(),
  roles: z.array(z.string()),
  active: z.boolean(),
  hasPassword: z.boolean(),
  sso: z.boolean(),
});
export type AdminUser = z.output<typeof publicUserSchema>;
export const linkSchema = z.object({ url: z.string(), expiresAt: z.string() });
export type OneTimeLink = z.output<typeof linkSchema>;
export const departmentSchema = z.object({
  id: slug,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['department', 'organisation']).default('department'),
  orgType: z.string().trim().max(100).nullable().default(null),
});
export type Department = z.output<typeof departmentSchema>;
export const departmentBodySchema = departmentSchema.omit({ id: true });
export const roleSchema = z.object({
  id: z.string(),
  nameDe: z.string(),
  descriptionDe: z.string(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
});
export type Role = z.output<typeof roleSchema>;
export const tokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.output<typeof tokenSchema>;

export const signInBodySchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});
export const signOutSchema = z.object({
  signedOut: z.boolean(),
  providerLogoutUrl: z
    .string()
    .optional()
    .describe('Abmeldung beim Anmeldedienst (nur nach Anmeldung mit Single Sign-on)'),
});
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().max(256),
});
export const resetRequestBodySchema = z.object({ email });
export const resetRequestAnswerSchema = z.object({ message: z.string() });
export const resetBodySchema = z.object({
  token: z.string().min(10).max(200),
  newPassword: z.string().max(256),
});
export const resetAnswerSchema = z.object({ email: z.string() });
export const setupBodySchema = z.object({
  token: z.string().min(10).max(200),
  email,
  displayName: z.string().trim().min(1).max(200),
  password: z.string().max(256),
});
export const tokenListSchema = z.array(tokenSchema);
/** Scopes are permission ids; the server refuses (400) any the person does not hold herself. */
export const createTokenBodySchema = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(z.string().min(1).max(100))
    .min(1)
    .describe('Berechtigungen des Tokens (GET /api/permissions); nur eigene'),
  expiresInDays: z.number().int().min(1).max(730).nullable().default(90),
});
export const createdTokenSchema = z.object({ token: z.string(), info: tokenSchema });
export const departmentListSchema = z.array(departmentSchema);
export const permissionInfoSchema = z.object({
  id: z.string(),
  module: z.string(),
  descriptionDe: z.string(),
});
export type PermissionInfo = z.output<typeof permissionInfoSchema>;
export const permissionListSchema = z.array(permissionInfoSchema);
export const userListSchema = z.array(publicUserSchema);
export const createUserBodySchema = z.object({
  email,
  displayName: z.string().trim().min(1).max(200),
  departmentId: slug.nullable().default(null),
  roles: z.array(slug).default(['viewer']),
});
export const createdUserSchema = z.object({ user: publicUserSchema, setupLink: linkSchema });
export const updateUserBodySchema = z.object({
  email: email.optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
  departmentId: slug.nullable().optional(),
  roles: z.array(slug).optional(),
  active: z.boolean().optional(),
  sso: z
    .literal(false, { error: 'nur false: löst die Verknüpfung mit dem Single Sign-on' })
    .optional()
    .describe(
      'false löst die Verknüpfung mit der Single-Sign-on-Identität; die nächste Anmeldung mit Single Sign-on verknüpft wieder über die bestätigte E-Mail-Adresse',
    ),
});
export const roleListSchema = z.array(roleSchema);
export const saveRoleBodySchema = z.object({
  nameDe: z.string().trim().min(1).max(100),
  descriptionDe: z.string().trim().max(500).default(''),
  permissions: z.array(z.string()),
});

/** Single sign-on start and callback answer with a redirect (302), no body. */
export const ssoStartSchema = z.object({});
export const ssoCallbackSchema = z.object({});
