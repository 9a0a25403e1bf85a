// Monitoring module (issue 4): index definitions as data, results and explanations per area.
export { registerMonitoringRoutes } from './routes.ts';
export { clearIndexCache } from './compute.ts';
export { getIndexDetail } from './definitions.ts';
export { getChanges, getResults } from './results.ts';
export { MSS_INDICATOR_IDS, PRESETS } from './presets.ts';
export { canReadIndex, indexDefinitionTest } from './visibility.ts';
