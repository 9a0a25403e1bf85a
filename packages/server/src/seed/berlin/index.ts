// The Berlin demo seed (no routes; `serve` on an empty database, `sozialraum demo load`).
export { BERLIN_TENANT, berlinCatalogue, readCatalogue } from './catalogue.ts';
export { hasData, loadBerlinFacilities, loadDemoCooperations } from './load-berlin.ts';
export {
  DEMO_KIND,
  berlinDemoJob,
  berlinSecondPhasePending,
  loadBerlinDemo,
  loadBerlinFirstPhase,
  loadBerlinSecondPhase,
  type DemoStats,
} from './two-phase.ts';
export { readCsvRecords } from './read-csv.ts';
