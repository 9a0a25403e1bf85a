// Funding (issue 15 § 1): the door other modules use — programme catalogue and routes.
export { registerFundingRoutes } from './routes.ts';
export { PROGRAMMES, findProgramme } from './catalogue.ts';
export { getProgramme } from './service.ts';
