// Texts of the form for a participation-signal rule on the Frühwarnungen screen, German.
export const alertSignalsDe = {
  sigRuleNew: 'Neue Regel: Ungewöhnlich viele Hinweise/negative Einschätzungen',
  sigRuleIntro:
    'Zählt je Gebiet und Zeitraum Hinweise, Unterstützungen, negative Einschätzungen und Antworten auf Befragungen und meldet ein Gebiet, wenn es deutlich mehr sind als in seinen eigenen früheren Zeiträumen und als im Stadtdurchschnitt (Poisson-Prüfung, dieselbe Regel gegen Rauschen wie bei den anderen Frühwarnungen).',
  sigRuleName: 'Name der Regel',
  sigRuleDimension: 'Lebenslage',
  sigRuleAllDimensions: 'alle Lebenslagen',
  sigRulePeriod: 'Zeitraum',
  sigRuleMonths: (n: number) => (n === 1 ? '1 Monat' : `${n} Monate`),
  sigRuleHistory: 'Vergleich mit früheren Zeiträumen (Anzahl)',
  sigRuleMinCount: 'Mindestzahl von Signalen im Zeitraum',
  sigRuleMinCountHint: 'Darunter wird kein Gebiet gemeldet, auch wenn es auffällig wäre.',
  sigRuleSources: 'Was gezählt wird',
  sigRuleSource: (s: string) =>
    ({
      reports: 'Hinweise und Ideen',
      supports: 'Unterstützungen von Hinweisen',
      negative_assessments: 'negative Einschätzungen vor Ort',
      survey_responses: 'Antworten auf Befragungen',
    })[s] ?? s,
  sigRuleNoSource: 'Bitte mindestens eine Art von Signal wählen.',
  sigRuleBadHistory: 'Bitte eine ganze Zahl von 1 bis 12 angeben.',
  sigRuleBadMinCount: 'Bitte eine ganze Zahl von 1 bis 1.000 angeben.',
  sigRuleCreate: 'Regel anlegen',
  sigRuleCreated: (name: string) => `Regel „${name}“ ist angelegt und eingeschaltet.`,
  sigRuleFrom: (n: string) => `ab ${n} Signalen`,
};
