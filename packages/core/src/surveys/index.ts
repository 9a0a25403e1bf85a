// Surveys (Befragungen, issue 13 § 3): questionnaire definitions, answers, results with intervals.
export * from './definition.ts';
export * from './answers.ts';
export * from './results.ts';
