// Jobs for the administration: the recent jobs of the tenant and one job (thin handlers).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import {
  jobIdParams,
  jobListSchema,
  jobSchema,
  jobsQuerySchema,
  type Job,
} from '@sozialraum/contracts/jobs';
import { getJob, listJobs, type JobRow } from './store.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The record as the API shows it. */
export function presentJob(r: JobRow): Job {
  return {
    id: Number(r.id),
    kind: r.kind,
    status: r.status,
    startedBy: r.started_by,
    params: r.params ?? {},
    progress: r.progress,
    error: r.error,
    result: r.result,
    attempts: Number(r.attempts),
    createdAt: new Date(r.created_at).toISOString(),
    startedAt: iso(r.started_at),
    finishedAt: iso(r.finished_at),
    durationMs:
      r.started_at && r.finished_at
        ? Math.max(0, new Date(r.finished_at).getTime() - new Date(r.started_at).getTime())
        : null,
  };
}

const tags = ['Betrieb'];

/** Registers GET /api/jobs and GET /api/jobs/:id. */
export function registerJobRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/jobs',
    operationId: 'listJobs',
    summary: 'Aufträge des Mandanten (Importe, geplante Prüfläufe), neueste zuerst',
    tags,
    // who ran what with which parameters is administration knowledge, like the whole audit log
    permission: 'audit.read_all',
    querystring: jobsQuerySchema,
    response: jobListSchema,
    handler: async ({ auth, query }) =>
      (await listJobs(ctx.db, auth.tenantId, query)).map(presentJob),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/jobs/:id',
    operationId: 'getJob',
    summary: 'Ein Auftrag mit Fortschritt, Fehler und Ergebnis',
    tags,
    permission: 'audit.read_all',
    params: jobIdParams,
    response: jobSchema,
    refusals: { 404: 'Auftrag gibt es nicht' },
    handler: async ({ auth, params }) => {
      const job = await getJob(ctx.db, auth.tenantId, params.id);
      if (!job) throw notFound(`Auftrag ${params.id} gibt es nicht.`);
      return presentJob(job);
    },
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The one job runner of this server (app.ts creates it). */
    sozialraumJobs: import('./service.ts').JobRunner;
  }
}
