// @sozialraum/contracts — the API's contract: zod schemas of every request body and answer,
// organised per capability (one file each), the shared enumerations and the pure rules both sides
// apply. The server validates with these schemas and generates /api/openapi.json from them; the web
// app types its client with z.input / z.output of the same schemas. Imports only zod and core.
export * from './enums.ts';
export * from './rules.ts';
