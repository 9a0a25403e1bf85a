// The Berlin demo seed (no routes; `serve` on an empty database, `sozialraum demo load`).
export { BERLIN_TENANT, berlinCatalogue, readCatalogue } from './catalogue.ts';
export {
  hasData,
  loadBerlinDemo,
  loadBerlinFacilities,
  loadDemoCooperations,
} from './load-berlin.ts';
export { readCsvRecords } from './read-csv.ts';
