// Public face of the OGC API – Features module.
export { registerOgcRoutes } from './routes.ts';
