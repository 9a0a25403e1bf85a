// Sozialraumkonferenzen (issue 14 § 1): the door other modules and the app use.
export { registerConferenceRoutes } from './routes.ts';
export { registerOparlRoutes } from './oparl-routes.ts';
