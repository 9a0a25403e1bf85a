// The actor network (issue 12 § 2): the door other modules use.
export { registerNetworkRoutes } from './routes.ts';
export { canEditNetworkOf } from './policy.ts';
export { insertDemoLinks, type DemoLink } from './demo-links.ts';
