// The access module's services, split by aggregate: sessions (sign-in, passwords), people, roles
// and departments, API tokens. Every change is written with its audit entry in one transaction.
export * from './service-sessions.ts';
export * from './service-people.ts';
export * from './service-roles.ts';
export * from './service-tokens.ts';
