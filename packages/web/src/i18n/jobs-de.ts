// Texts of the job list (/auftraege), German.
const STATUS: Record<string, string> = {
  queued: 'wartet',
  running: 'läuft',
  succeeded: 'erfolgreich',
  failed: 'fehlgeschlagen',
};
const KINDS: Record<string, string> = {
  'imports.table': 'Tabellen-Import',
  'imports.areas': 'Gebiets-Import',
  'alerts.detect': 'Frühwarnung prüfen',
  'files.cleanup': 'Dateien aufräumen',
  'seed.berlin': 'Berlin-Demo laden (zweite Stufe)',
};

const PURPOSES: Record<string, string> = {
  alerts: 'Frühwarnung',
  password_reset: 'Passwort zurücksetzen',
};

export const jobsDe = {
  demoLoading: (percent: number) =>
    `Die Berlin-Demo wird noch geladen (${percent.toLocaleString('de-DE')} %): ältere Jahre, MSS und Standorte folgen; was schon zu sehen ist, ist vollständig. Danach aktualisiert sich die Seite von selbst – nicht, während Sie etwas eingeben.`,
  demoLoadingShort: 'Die Berlin-Demo wird noch geladen.',
  demoLoaded: 'Die Berlin-Demo ist vollständig geladen.',
  demoLoadedOffer:
    'Die Berlin-Demo ist vollständig geladen. Laden Sie die Seite neu, um alle Jahre, MSS und Standorte zu sehen – Ungespeichertes geht dabei verloren.',
  demoReloaded: 'Die Berlin-Demo ist vollständig geladen; die Seite zeigt jetzt alle Daten.',
  demoReload: 'Seite neu laden',
  demoLater: 'Später',
  jobsTitle: 'Aufträge',
  jobsLink: 'Aufträge',
  jobsIntro:
    'Was der Server im Hintergrund ausgeführt hat: Importe, die geplante Prüfung der Frühwarnung und das Aufräumen alter Dateien – wer sie gestartet hat, wann, wie lange sie liefen und woran sie gescheitert sind.',
  jobsEmpty: 'Noch keine Aufträge.',
  jobsReload: 'Aktualisieren',
  jobsColStatus: 'Status',
  jobsColKind: 'Art',
  jobsColWho: 'Gestartet von',
  jobsColStart: 'Beginn',
  jobsColDuration: 'Dauer',
  jobsColError: 'Fehler',
  jobsSystem: 'Zeitplan (System)',
  jobsCli: 'Kommandozeile (sozialraum import)',
  jobsStatusName: (status: string): string => STATUS[status] ?? status,
  jobsKindName: (kind: string): string => KINDS[kind] ?? kind,
  jobsAttempts: (n: string) => `${n} Versuche`,
  mailLogTitle: 'E-Mail-Versand',
  mailLogIntro:
    'Jede E-Mail, die der Server verschickt hat oder nicht zustellen konnte (Frühwarnungen, Passwort zurücksetzen).',
  mailLogEmpty: 'Noch keine E-Mails.',
  mailLogWhen: 'Zeit',
  mailLogPurpose: 'Anlass',
  mailLogRecipient: 'Empfänger',
  mailLogSubject: 'Betreff',
  mailLogSent: 'zugestellt',
  mailLogFailed: 'nicht zugestellt',
  mailLogPurposeName: (purpose: string): string => PURPOSES[purpose] ?? purpose,
};
