// The whole text-table pipeline for bytes already in memory: encoding → dialect → records. The
// server can do the same step by step on a stream (detect on the first chunk, then feed
// createStreamingDecoder and createCsvParser); this function is the reference for that order.

import { createCsvParser, type CsvError, type CsvRecord } from './csv-parser.ts';
import { detectDialect, type CsvDialect } from './dialect.ts';
import {
  createStreamingDecoder,
  detectEncoding,
  type EncodingDetection,
  type EncodingProblem,
} from './encoding.ts';

export interface ReadTableOptions {
  /** Override the detected dialect (e.g. after the user corrected it in the dialog). */
  dialect?: Pick<CsvDialect, 'delimiter' | 'decimal' | 'thousands'>;
  /** Bytes per decoding step; default 64 KiB. */
  chunkSize?: number;
}

export interface ReadTableResult {
  encoding: EncodingDetection;
  dialect: CsvDialect;
  /** First record = header row (if the file has one). */
  records: CsvRecord[];
  errors: CsvError[];
  encodingProblems: EncodingProblem[];
}

const SAMPLE_BYTES = 64 * 1024;

/** Decodes and parses a CSV file held in memory, detecting encoding and dialect first. */
export function readCsvBytes(bytes: Uint8Array, options: ReadTableOptions = {}): ReadTableResult {
  const encoding = detectEncoding(bytes);
  const decoder = createStreamingDecoder(encoding.encoding);
  const chunkSize = options.chunkSize ?? SAMPLE_BYTES;
  let dialect: CsvDialect | null = options.dialect
    ? { ...options.dialect, confidence: 1, reasons: ['Vom Benutzer vorgegeben.'] }
    : null;
  let parser: ReturnType<typeof createCsvParser> | null = null;
  let pending = '';
  const records: CsvRecord[] = [];
  const feed = (text: string, final: boolean): void => {
    if (!parser) {
      pending += text;
      if (!final && pending.length < SAMPLE_BYTES) return;
      dialect ??= detectDialect(pending);
      parser = createCsvParser({ delimiter: dialect.delimiter });
      text = pending;
      pending = '';
    }
    for (const r of parser.push(text)) records.push(r);
    if (final) for (const r of parser.end()) records.push(r);
  };
  for (let i = 0; i < bytes.length; i += chunkSize)
    feed(decoder.decode(bytes.subarray(i, i + chunkSize)), false);
  feed(decoder.end(), true);
  const problems = [...decoder.problems];
  if (encoding.problem && !problems.some((p) => p.line === encoding.problem!.line))
    problems.unshift(encoding.problem);
  return {
    encoding,
    dialect: dialect!,
    records,
    errors: parser ? [...(parser as ReturnType<typeof createCsvParser>).errors] : [],
    encodingProblems: problems,
  };
}
