// Routes of the transparency view (issue 15 § 2, ADR 0035): the view as JSON, its CSV and XLSX
// exports (with attribution), and the tenant's funding settings (public level of detail).
import type { FastifyInstance } from 'fastify';
import {
  areaFundingParamsSchema,
  areaFundingSchema,
  fundingSettingsBodySchema,
  fundingSettingsSchema,
  transparencyCsvSchema,
  transparencyQuerySchema,
  transparencySchema,
  transparencyXlsxSchema,
} from '@sozialraum/contracts/funding-transparency';
import type { AppContext } from '../../app-context.ts';
import { responseCheck, sendPrepared } from '../../http/prepared.ts';
import { defineRoute } from '../../http/route.ts';
import { auditActor } from '../audit/index.ts';
import { getAreaFunding } from './area-card.ts';
import { transparencyCsv, transparencyXlsx } from './transparency-export.ts';
import {
  getFundingSettings,
  getTransparencyCached,
  getTransparencyPrepared,
  setFundingSettings,
} from './transparency.ts';

const tags = ['Förderung'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fileName = (year: number | null, ext: string): string =>
  `foerdermittel-transparenz-${year ?? 'ohne-jahr'}.${ext}`;

/** GET /api/funding/transparency(.csv|.xlsx), GET/PUT /api/funding/settings, GET /api/funding/areas/:areaId. */
export function registerTransparencyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const check = responseCheck(app, transparencySchema, 'getFundingTransparency');
  defineRoute(app, {
    method: 'GET',
    url: '/api/funding/areas/:areaId',
    operationId: 'getAreaFunding',
    summary:
      'Förderung und Wirkung in einem Gebiet: Programme (Fördergebiete), Mittel je Jahr wie in der Transparenz, Wirkungsschätzungen der Maßnahmen dort',
    tags,
    permission: 'funding.read',
    params: areaFundingParamsSchema,
    response: areaFundingSchema,
    handler: ({ auth, params }) => getAreaFunding(ctx.db, auth, params.areaId),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/funding/transparency',
    operationId: 'getFundingTransparency',
    summary:
      'Fördermittel je Gebiet und je Einwohner/in gegen den Bedarf (Index oder Indikator): Einordnung, Herkunft; öffentlich in der Detailstufe der Kommune',
    tags,
    permission: 'funding.read',
    querystring: transparencyQuerySchema,
    response: transparencySchema,
    etag: true,
    // prepared bytes with ETag and gzip, once per data version and reader (transparency.ts)
    handler: async ({ auth, query, request, reply }) =>
      sendPrepared(request, reply, await getTransparencyPrepared(ctx.db, auth, query, check)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/funding/transparency.csv',
    operationId: 'exportFundingTransparencyCsv',
    summary: 'Die Transparenztabelle als CSV (Semikolon, Dezimalkomma, UTF-8 mit BOM) mit Quellen',
    tags,
    permission: 'funding.read',
    querystring: transparencyQuerySchema,
    response: transparencyCsvSchema,
    responseContentType: 'text/csv; charset=utf-8',
    handler: async ({ auth, query, reply }) => {
      const t = await getTransparencyCached(ctx.db, auth, query);
      reply.header('Content-Disposition', `attachment; filename="${fileName(t.year, 'csv')}"`);
      return transparencyCsv(t);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/funding/transparency.xlsx',
    operationId: 'exportFundingTransparencyXlsx',
    summary: 'Die Transparenztabelle als XLSX (ein Blatt) mit Quellen',
    tags,
    permission: 'funding.read',
    querystring: transparencyQuerySchema,
    response: transparencyXlsxSchema,
    responseContentType: XLSX,
    handler: async ({ auth, query, reply }) => {
      const t = await getTransparencyCached(ctx.db, auth, query);
      reply.header('Content-Disposition', `attachment; filename="${fileName(t.year, 'xlsx')}"`);
      return reply.type(XLSX).send(Buffer.from(transparencyXlsx(t)));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/funding/settings',
    operationId: 'getFundingSettings',
    summary: 'Einstellungen der Förderung: öffentliche Detailstufe, Einwohnerindikator',
    tags,
    permission: 'funding.edit',
    response: fundingSettingsSchema,
    handler: ({ auth }) => getFundingSettings(ctx.db, auth.tenantId),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/funding/settings',
    operationId: 'setFundingSettings',
    summary: 'Öffentliche Detailstufe und Einwohnerindikator festlegen (protokolliert)',
    tags,
    permission: 'funding.edit',
    body: fundingSettingsBodySchema,
    response: fundingSettingsSchema,
    handler: ({ auth, body, request }) =>
      setFundingSettings(ctx.db, auth, body, auditActor(auth, request, 'funding.edit')),
  });
}
