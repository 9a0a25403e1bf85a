import { describe, expect, it } from 'vitest';
import type { SupplyGaps } from '../../api/supply.ts';
import { networkDe } from '../../i18n/network-de.ts';
import { networkEn } from '../../i18n/network-en.ts';
import { gapsCsv } from './gaps-csv.ts';

const GAPS = {
  serviceType: { code: 'kita', name: 'Kindertagesstätte' },
  systemId: 'lor2021',
  levelId: 'plr',
  need: {
    measure: 'status-index',
    label: 'Statusindex MSS 2021',
    unit: 'index',
    date: '2023-12-31',
    indicators: ['mss_s1_unemployment'],
  },
  threshold: 1.5,
  thresholdRule: 'top-quintile',
  considered: 5,
  highNeed: 1,
  directoryStand: null,
  provenance: 'Statusindex MSS 2021, Stichtag 31.12.2023',
  rule: 'Kein Angebot dort',
  rows: [
    {
      areaId: 7,
      code: '02100102',
      name: 'Mehringplatz',
      need: 1.5,
      needClass: 'sehr niedrig',
      nearest: { serviceId: 's', name: 'Kita 3', distanceM: 6120 },
    },
  ],
} as unknown as SupplyGaps;

const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

describe('the gaps CSV', () => {
  it('writes its headings in the language of the screen', () => {
    expect(lines(gapsCsv(GAPS, networkEn))[0]).toBe(
      'Area;Code;Need;Class;Nearest service;Distance_m',
    );
    expect(lines(gapsCsv(GAPS, networkDe))[0]).toBe(
      'Gebiet;Schlüssel;Bedarf;Klasse;Nächstes Angebot;Entfernung_m',
    );
  });

  it('has one line per gap and the provenance as a comment after an empty line', () => {
    const l = lines(gapsCsv(GAPS, networkEn));
    expect(l[1]).toBe('Mehringplatz;02100102;1,5;sehr niedrig;Kita 3;6120');
    expect(l.slice(2)).toEqual(['', '# Statusindex MSS 2021, Stichtag 31.12.2023', '']);
  });
});
