// Public face of the demo module: the Berlin demo loader (no routes; `serve --demo`, `demo load`).
export { BERLIN_TENANT } from './berlin-catalogue.ts';
export { hasData, loadBerlinDemo, loadBerlinFacilities } from './load-berlin.ts';
export { readCsvRecords } from './read-csv.ts';
