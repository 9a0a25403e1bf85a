// @sozialraum/contracts — the API's contract: zod schemas of every request body and answer,
// organised per capability (one file each), the shared enumerations and the pure rules both sides
// apply. The server validates with these schemas and generates /api/openapi.json from them; the web
// app types its client with z.input / z.output of the same schemas. Imports only zod and core.
// Import a capability's file directly (`@sozialraum/contracts/areas`); the web app takes only types
// from the schema files (and `rules`), so zod stays out of its bundle.
export * as access from './access.ts';
export * as alerts from './alerts.ts';
export * as areas from './areas.ts';
export * as assessments from './assessments.ts';
export * as audit from './audit.ts';
export * as directory from './directory.ts';
export * as directoryEdit from './directory-edit.ts';
export * as disclosure from './disclosure.ts';
export * as effect from './effect.ts';
export * as enums from './enums.ts';
export * as funding from './funding.ts';
export * as fundingTransparency from './funding-transparency.ts';
export * as health from './health.ts';
export * as importDetails from './import-details.ts';
export * as importAnalysis from './import-analysis.ts';
export * as imports from './imports.ts';
export * as indicators from './indicators.ts';
export * as jobs from './jobs.ts';
export * as mail from './mail.ts';
export * as measures from './measures.ts';
export * as network from './network.ts';
export * as monitoring from './monitoring.ts';
export * as participation from './participation.ts';
export * as participationComments from './participation-comments.ts';
export * as ogc from './ogc.ts';
export * as points from './points.ts';
export * as seed from './seed.ts';
export * as rules from './rules.ts';
export * as sources from './sources.ts';
export * as supply from './supply.ts';
export * as conferences from './conferences.ts';
export * as surveys from './surveys.ts';
export * as trace from './trace.ts';
