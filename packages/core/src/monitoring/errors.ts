// Typed errors of the monitoring engine. A computation either returns a complete result or throws
// one of these — never a partial result (issue 4, "Bad input").

/** Machine-readable kind of a monitoring error. */
export type MonitoringErrorCode =
  | 'invalid_definition'
  | 'unknown_indicator'
  | 'no_valid_area'
  | 'zero_variance'
  | 'missing_dynamics'
  | 'missing_value'
  | 'weights_mismatch'
  | 'unknown_area'
  | 'invalid_input';

/** Error with a German message naming the problem, a code and the problems found. */
export class MonitoringError extends Error {
  readonly code: MonitoringErrorCode;
  /** all problems found (the message joins them). */
  readonly problems: string[];
  constructor(code: MonitoringErrorCode, problems: string | string[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.join(' '));
    this.name = 'MonitoringError';
    this.code = code;
    this.problems = list;
  }
}
