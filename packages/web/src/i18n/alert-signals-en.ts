// Texts of the form for a participation-signal rule on the early-warnings screen, English.
export const alertSignalsEn = {
  sigRuleNew: 'New rule: unusually many reports/negative assessments',
  sigRuleIntro:
    'Counts reports, supports, negative assessments and survey answers per area and period, and flags an area when there are clearly more than in its own earlier periods and than the city average (Poisson test, the same noise rule as the other early warnings).',
  sigRuleName: 'Name of the rule',
  sigRuleDimension: 'Life situation',
  sigRuleAllDimensions: 'all life situations',
  sigRulePeriod: 'Period',
  sigRuleMonths: (n: number) => (n === 1 ? '1 month' : `${n} months`),
  sigRuleHistory: 'Compared with earlier periods (number)',
  sigRuleMinCount: 'Minimum number of signals in the period',
  sigRuleMinCountHint: 'Below it no area is flagged, even if it would stand out.',
  sigRuleSources: 'What is counted',
  sigRuleSource: (s: string) =>
    ({
      reports: 'Reports and ideas',
      supports: 'Supports of reports',
      negative_assessments: 'Negative local assessments',
      survey_responses: 'Survey answers',
    })[s] ?? s,
  sigRuleNoSource: 'Please choose at least one kind of signal.',
  sigRuleBadHistory: 'Please give a whole number from 1 to 12.',
  sigRuleBadMinCount: 'Please give a whole number from 1 to 1,000.',
  sigRuleCreate: 'Create rule',
  sigRuleCreated: (name: string) => `Rule “${name}” is created and switched on.`,
  sigRuleFrom: (n: string) => `from ${n} signals`,
};
