// The effect estimate (issue 15 § 3): the door other modules use (the measure page calls
// estimateEffect with a measure's indicator, areas and start).
export { registerEffectRoutes } from './routes.ts';
export { estimateEffect, getEffectEstimateCached, type EffectRequest } from './service.ts';
