// Supply against need (issue 12 § 3): the door other modules use.
export { registerSupplyRoutes } from './routes.ts';
export { getSupply } from './service.ts';
export { seedTargetsFromBands } from './targets.ts';
export { getResidents, seedResidents } from './residents.ts';
