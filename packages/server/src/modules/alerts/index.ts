// Early warnings (issue 4 § 3): alert rules, detection, the alert feed and subscriptions.
export { registerAlertRoutes } from './routes.ts';
export { detectAlerts, setAlertStatus, createRule, yearsBetween } from './service.ts';
export { alertDetectionJob } from './detect-job.ts';
export { deleteAreaAlerts } from './store-areas.ts';
export { getVisibleAlert, getVisibleAlerts, listAlertsInAreas } from './area-alerts.ts';
export type { AlertItem } from './store.ts';
