// Statistical disclosure control (issue 4 § 5): thresholds per tenant and the protection of public rows.
export {
  DEFAULT_DISCLOSURE_SETTINGS,
  decideSuppression,
  getDisclosureSettings,
  invalidateDisclosureCache,
  loadDisclosure,
  loadIndexPopulationReasons,
  primaryReason,
  setDisclosureSettings,
  type Disclosure,
  type DisclosureSettings,
  type ProtectableRow,
  type Withheld,
} from './service.ts';
export { registerDisclosureRoutes } from './routes.ts';
