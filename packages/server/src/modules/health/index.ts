// Public face of the health module: liveness, readiness and version.
export { registerHealthRoutes } from './routes.ts';
