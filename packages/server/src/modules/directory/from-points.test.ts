import { describe, expect, it } from 'vitest';
import { directoryFromPoints, emailAddress, webAddress, type SourcePoint } from './from-points.ts';

const pt = (
  dataset: string,
  id: string,
  name: string,
  properties: Record<string, unknown>,
): SourcePoint => ({
  dataset,
  id,
  name,
  lon: 13.4,
  lat: 52.5,
  properties,
  referenceDate: '2022-12-01',
});

describe('directory records from the demo facility points', () => {
  const rec = directoryFromPoints('berlin', [
    pt('kitas', '1', 'Kita A', {
      t_name: 'Kinderwelt e.V.',
      t_art: 'Sonstiger freier Träger',
      e_platz: '69',
      e_strasse: 'Albrechtstr.',
      e_hnr: '20',
      e_plz: '10117',
      t_web: 'www.kinderwelt.de',
    }),
    pt('kitas', '2', 'Kita B', {
      t_name: 'Kinderwelt  e. V.',
      t_art: 'Sonstiger freier Träger',
      e_platz: null,
    }),
    // spaces around a name, as in a published file („ elele-Nachbarschaftszentrum …“)
    pt('jugendfreizeiteinrichtungen', '3', ' JFE C ', {
      t_name: 'Kinderwelt e.V.',
      t_art: 'freier Träger',
      e_platz: '12',
    }),
    pt('kitas', '4', 'Kita D', { t_name: 'Diakonie Kitas', t_art: 'Diakonisches Werk' }),
    pt('schulen', '01G01', 'Schule E', {
      traeger: 'öffentlich',
      bezirk: 'Mitte',
      email: 'sekretariat@hein-moeller-schule',
    }),
    pt('schulen', '01G02', 'Schule F', {
      traeger: 'öffentlich',
      bezirk: 'Mitte',
      email: 'info@schule-f.de',
    }),
    pt('schulen', '01P01', 'Privatschule G', { traeger: 'privat', bezirk: 'Mitte' }),
    pt('apotheken', 'f1', 'Apotheke H', {
      gc_strasse: 'Stromstraße',
      gc_haus: '14',
      gc_plz: '10551',
    }),
    pt('unbekannt', 'x', 'Was anderes', {}),
  ]);
  const orgOf = (name: string) => {
    const s = rec.services.find((x) => x.name === name)!;
    return rec.organisations.find((o) => o.id === s.organization_id)!;
  };

  it('merges spelling variants of one Träger of the same kind, across datasets', () => {
    expect(orgOf('Kita A').id).toBe(orgOf('Kita B').id);
    expect(orgOf('JFE C').id).toBe(orgOf('Kita A').id);
    expect(orgOf('Kita A').website).toBe('http://www.kinderwelt.de/');
  });

  it('keeps the Spitzenverband and makes the Bezirk the Träger of public schools', () => {
    expect(orgOf('Kita D')).toMatchObject({ kind: 'kirchlich', spitzenverband: 'Diakonie' });
    expect(orgOf('Schule E').name).toBe('Bezirksamt Mitte (Schulträger)');
    expect(orgOf('Schule E').id).toBe(orgOf('Schule F').id);
    expect(orgOf('Privatschule G')).toMatchObject({ name: 'Privatschule G', kind: 'privat' });
    expect(orgOf('Apotheke H')).toMatchObject({ name: 'Apotheke H', kind: 'betrieb' });
  });

  it('writes one location and link per point, places with the dataset date, and skips unknown datasets', () => {
    expect(rec.services).toHaveLength(8);
    expect(rec.locations).toHaveLength(8);
    expect(rec.links).toHaveLength(8);
    expect(rec.skipped).toBe(1);
    expect(rec.capacities).toEqual([
      { service_id: rec.services[0]!.id, kind: 'places', ref_date: '2022-12-01', value: 69 },
      { service_id: rec.services[2]!.id, kind: 'places', ref_date: '2022-12-01', value: 12 },
    ]);
    expect(rec.services[2]!.name).toBe('JFE C');
    expect(rec.locations[2]!.name).toBe('JFE C');
    expect(rec.locations.find((l) => l.name === 'Apotheke H')).toMatchObject({
      street: 'Stromstraße 14',
      postcode: '10551',
    });
  });

  it('gives the same ids on every run (name-based UUIDs)', () => {
    const again = directoryFromPoints('berlin', [
      pt('kitas', '1', 'Kita A', { t_name: 'Kinderwelt e.V.', t_art: 'Sonstiger freier Träger' }),
    ]);
    expect(again.services[0]!.id).toBe(rec.services[0]!.id);
    expect(again.services[0]!.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('leaves out e-mail and web addresses that are not ones', () => {
    expect(rec.services.find((s) => s.name === 'Schule E')!.email).toBeNull();
    expect(rec.services.find((s) => s.name === 'Schule F')!.email).toBe('info@schule-f.de');
    expect(emailAddress('  ')).toBeNull();
    expect(webAddress('www.x .de')).toBeNull();
    expect(webAddress('https://a.de/b')).toBe('https://a.de/b');
  });
});
