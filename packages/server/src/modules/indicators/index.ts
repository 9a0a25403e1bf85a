// Public face of the indicators module for other modules (imports call invalidateCatalogueCache).
export { indicatorSchema, type Indicator } from '@sozialraum/contracts/indicators';
export {
  datesOn,
  disclosureFor,
  getCatalogue,
  getIndicator,
  getSeries,
  getTenantCatalogue,
  getValues,
  invalidateCatalogueCache,
  latestDateAtOrBefore,
  type Catalogue,
} from './service.ts';
export {
  assertCanEditIndicator,
  canEditIndicator,
  canReadIndicator,
  readerClass,
  type ReadableIndicator,
} from './policy.ts';
export { roundOut } from './honest-output.ts';
export {
  selectIndicatorNames,
  selectIndicatorOwners,
  selectIndicatorTargets,
  selectLevelSeries,
  type LevelSeriesRow,
} from './store.ts';
export { registerIndicatorRoutes } from './routes.ts';
