// Client of the access capability: sign-in/out, who am I, password, own API tokens, and the
// administration of people, departments and roles. Types from the contract (z.input for bodies).
import type * as c from '@sozialraum/contracts/access';
import type { z } from 'zod';
import { enc, json, request } from './http.ts';

/** GET /api/me: who is using the app. */
export type Me = z.output<typeof c.meSchema>;
export type ApiToken = z.output<typeof c.tokenSchema>;
export type Department = z.output<typeof c.departmentSchema>;
export type PermissionInfo = z.output<typeof c.permissionInfoSchema>;
export type AdminUser = z.output<typeof c.publicUserSchema>;
export type OneTimeLink = z.output<typeof c.linkSchema>;
export type Role = z.output<typeof c.roleSchema>;

type In<S extends z.ZodType> = z.input<S>;
type Out<S extends z.ZodType> = z.output<S>;

export const accessApi = {
  me: () => request<Me>('/api/me'),
  signIn: (email: string, password: string) =>
    request<Me>(
      '/api/auth/login',
      json('POST', { email, password } satisfies In<typeof c.signInBodySchema>),
    ),
  /** providerLogoutUrl: after a single sign-on, the logout at the provider (navigate there). */
  signOut: () => request<Out<typeof c.signOutSchema>>('/api/auth/logout', json('POST', {})),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<Me>(
      '/api/auth/password',
      json('POST', { currentPassword, newPassword } satisfies In<
        typeof c.changePasswordBodySchema
      >),
    ),
  requestReset: (email: string) =>
    request<Out<typeof c.resetRequestAnswerSchema>>(
      '/api/auth/reset-request',
      json('POST', { email } satisfies In<typeof c.resetRequestBodySchema>),
    ),
  resetPassword: (token: string, newPassword: string) =>
    request<Out<typeof c.resetAnswerSchema>>(
      '/api/auth/reset',
      json('POST', { token, newPassword } satisfies In<typeof c.resetBodySchema>),
    ),
  setupFirstAdmin: (body: In<typeof c.setupBodySchema>) =>
    request<Me>('/api/auth/setup', json('POST', body)),
  tokens: () => request<Out<typeof c.tokenListSchema>>('/api/me/tokens'),
  createToken: (body: In<typeof c.createTokenBodySchema>) =>
    request<Out<typeof c.createdTokenSchema>>('/api/me/tokens', json('POST', body)),
  revokeToken: (id: number) => request<ApiToken>(`/api/me/tokens/${id}`, { method: 'DELETE' }),
  departments: () => request<Out<typeof c.departmentListSchema>>('/api/departments'),
  permissions: () => request<Out<typeof c.permissionListSchema>>('/api/permissions'),
  users: () => request<Out<typeof c.userListSchema>>('/api/admin/users'),
  createUser: (body: In<typeof c.createUserBodySchema>) =>
    request<Out<typeof c.createdUserSchema>>('/api/admin/users', json('POST', body)),
  /** `sso: false` removes the link to the single sign-on identity. */
  updateUser: (id: number, patch: In<typeof c.updateUserBodySchema>) =>
    request<AdminUser>(`/api/admin/users/${id}`, json('PATCH', patch)),
  resetLink: (id: number) =>
    request<OneTimeLink>(`/api/admin/users/${id}/reset-link`, json('POST', {})),
  createDepartment: (d: In<typeof c.departmentSchema>) =>
    request<Department>('/api/admin/departments', json('POST', d)),
  updateDepartment: (id: string, d: In<typeof c.departmentBodySchema>) =>
    request<Department>(`/api/admin/departments/${enc(id)}`, json('PUT', d)),
  roles: () => request<Out<typeof c.roleListSchema>>('/api/admin/roles'),
  saveRole: (id: string, r: In<typeof c.saveRoleBodySchema>) =>
    request<Role>(`/api/admin/roles/${enc(id)}`, json('PUT', r)),
};
