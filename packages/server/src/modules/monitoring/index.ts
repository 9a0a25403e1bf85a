// Monitoring module (issue 4): index definitions as data, results and explanations per area.
export { registerMonitoringRoutes } from './routes.ts';
export { clearIndexCache, getChanges, getIndexDetail, getResults } from './service.ts';
export { MSS_INDICATOR_IDS, PRESETS } from './presets.ts';
export { canReadIndex, indexDefinitionTest } from './visibility.ts';
