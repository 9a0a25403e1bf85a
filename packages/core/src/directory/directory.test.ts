import { describe, expect, it } from 'vitest';
import {
  checkOpeningHours,
  classifyBjfTraeger,
  classifyPflegeVerband,
  icalWeekday,
  normaliseOrganisationName,
  organisationKey,
  serviceType,
  serviceTypesFor,
  serviceTypesUnder,
  SERVICE_TYPES,
  sortOpeningHours,
} from './index.ts';
import { DIMENSIONS } from '../catalogue/dimensions.ts';

describe('service type taxonomy', () => {
  it('maps Kitas and youth centres to SGB VIII, care homes to SGB XI and XII, job centres to SGB II', () => {
    expect(serviceTypesUnder('SGB VIII')).toEqual(
      expect.arrayContaining(['kita', 'jugendfreizeit', 'familienzentrum']),
    );
    expect(serviceTypesUnder('SGB VIII')).not.toContain('schule');
    expect(serviceTypesUnder('SGB XI')).toEqual(['pflege']);
    expect(serviceTypesUnder('SGB XII')).toEqual(['pflege', 'beratung']);
    expect(serviceTypesUnder('SGB II')).toEqual(['beratung', 'jobcenter']);
  });

  it('lists the service types of a Lebenslage, the main one first in each type', () => {
    expect(serviceTypesFor('health')).toEqual(['pflege', 'apotheke']);
    expect(serviceType('kita').dimensions[0]).toBe('education');
  });

  it('uses only known Lebenslagen and unique codes', () => {
    for (const t of SERVICE_TYPES) {
      for (const d of t.dimensions) expect(DIMENSIONS).toContain(d);
    }
    expect(new Set(SERVICE_TYPES.map((t) => t.code)).size).toBe(SERVICE_TYPES.length);
  });

  it('refuses an unknown service type by name', () => {
    expect(() => serviceType('zoo')).toThrow("unknown service type 'zoo'");
  });
});

describe('organisations', () => {
  it('reads the Träger types of the Kita register, with the Spitzenverband', () => {
    expect(classifyBjfTraeger('Diakonisches Werk')).toEqual({
      kind: 'kirchlich',
      spitzenverband: 'Diakonie',
    });
    expect(classifyBjfTraeger('Arbeiterwohlfahrt')).toEqual({
      kind: 'frei_gemeinnuetzig',
      spitzenverband: 'AWO',
    });
    expect(classifyBjfTraeger('Eigenbetrieb').kind).toBe('oeffentlich');
    expect(classifyBjfTraeger('EKT').kind).toBe('initiative');
    expect(classifyBjfTraeger('irgendwas').kind).toBe('sonstige');
    expect(classifyBjfTraeger(null).kind).toBe('sonstige');
  });

  it('reads the umbrella associations of the nursing-home register (trailing blanks too)', () => {
    expect(classifyPflegeVerband('VPK ').kind).toBe('privat');
    expect(classifyPflegeVerband('DPW')).toEqual({
      kind: 'frei_gemeinnuetzig',
      spitzenverband: 'Paritätischer',
    });
    expect(classifyPflegeVerband('n.o.').kind).toBe('sonstige');
  });

  it('treats spelling variants of one name as the same organisation, other kinds as different', () => {
    const a = organisationKey('Kinderwelt  e. V.', 'verein');
    expect(organisationKey('KINDERWELT e.V.', 'verein')).toBe(a);
    expect(organisationKey('„Kinderwelt“ e.V', 'verein')).toBe(a);
    expect(organisationKey('Kinderwelt e.V.', 'frei_gemeinnuetzig')).not.toBe(a);
    expect(normaliseOrganisationName('Pfefferwerk Stadtkultur gGmbH')).not.toBe(
      normaliseOrganisationName('Pfefferwerk Stadtkultur GmbH'),
    );
    expect(normaliseOrganisationName('BA Mitte – Jugend')).toBe('ba mitte - jugend');
  });
});

describe('opening hours', () => {
  it('accepts a normal week with a lunch break', () => {
    expect(
      checkOpeningHours([
        { weekday: 1, opens: '08:00', closes: '12:00' },
        { weekday: 1, opens: '13:00', closes: '16:30' },
        { weekday: 5, opens: '09:00', closes: '24:00' },
      ]),
    ).toEqual([]);
  });

  it('names overlapping, reversed and malformed intervals by their position', () => {
    const problems = checkOpeningHours([
      { weekday: 2, opens: '08:00', closes: '12:00' },
      { weekday: 2, opens: '11:00', closes: '14:00' },
      { weekday: 3, opens: '18:00', closes: '09:00' },
      { weekday: 4, opens: '8 Uhr', closes: '12:00' },
      { weekday: 8, opens: '08:00', closes: '09:00' },
    ]);
    expect(problems.map((p) => p.index)).toEqual([1, 2, 3, 4]);
    expect(problems[0]!.message).toContain('Dienstag');
    expect(problems[1]!.message).toContain('Schließzeit 09:00');
    expect(problems[3]!.message).toContain('Wochentag 8');
  });

  it('writes weekdays as iCalendar codes and sorts by day and time', () => {
    expect([1, 4, 7].map(icalWeekday)).toEqual(['MO', 'TH', 'SU']);
    expect(() => icalWeekday(0)).toThrow();
    const sorted = sortOpeningHours([
      { weekday: 2, opens: '13:00', closes: '14:00' },
      { weekday: 1, opens: '09:00', closes: '10:00' },
      { weekday: 2, opens: '08:00', closes: '09:00' },
    ]);
    expect(sorted.map((s) => `${s.weekday} ${s.opens}`)).toEqual(['1 09:00', '2 08:00', '2 13:00']);
  });
});
