// Public face of the imports module: uploads, file readers, the table and area imports (also as a
// job), the run record and the routes. The point import (points module) reuses the uploads, the
// geometry readers and the run record.
export { registerImportRoutes } from './routes.ts';
export {
  runAreaImport,
  runTableImport,
  type AreaRunOptions,
  type NewIndicatorInput,
} from './service.ts';
export { importJob } from './import-job.ts';
export { ImportFileError, type ImportFileIssue } from './readers/errors.ts';
export { readXlsxRecords } from './readers/xlsx-reader.ts';
export {
  DecompressionBudget,
  inflateEntry,
  listZipEntries,
  openFileSource,
} from './readers/zip.ts';
export { readGeometryFiles } from './readers/geo/index.ts';
export type { FileIssue } from './report.ts';
export { recordFailure } from './run-record.ts';
export { createImportIndicators } from './table-targets.ts';
export {
  fileErrorAsHttp,
  getUpload,
  receiveUpload,
  removeUpload,
  sha256Of,
  uploadStore,
  type Upload,
  type UploadOwner,
} from './uploads.ts';
