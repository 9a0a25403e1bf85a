// Tests: name the tenant's residents-in-total indicator through the API as an administrator (ADR 0058).
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../db/db.ts';
import { adminHeaders, injectAs } from './auth.ts';

export async function setResidents(app: FastifyInstance, db: Db, indicatorId: string | null) {
  const res = await injectAs(
    app,
    await adminHeaders(db),
  )({ method: 'PUT', url: '/api/supply/residents', payload: { indicatorId } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toEqual({ indicatorId });
}
