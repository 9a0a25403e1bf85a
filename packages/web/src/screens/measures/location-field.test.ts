import { describe, expect, it } from 'vitest';
import { locationFromDetail, parseLocation } from './location-field.tsx';

const m = { bad: (n: number) => `bad ${n}`, one: 'one', two: 'two' };

describe('parseLocation', () => {
  it('reads „Breite, Länge“ as map services copy it and stores [Länge, Breite]', () => {
    expect(parseLocation({ kind: 'Point', text: '52.5200, 13.4050' }, m)).toEqual({
      geometry: { type: 'Point', coordinates: [13.405, 52.52] },
      error: null,
    });
    // German decimal commas separated by a blank, and a semicolon
    expect(parseLocation({ kind: 'Point', text: '52,52 13,405' }, m).geometry).toEqual({
      type: 'Point',
      coordinates: [13.405, 52.52],
    });
    expect(
      parseLocation({ kind: 'LineString', text: '52.52;13.40\n\n52.53; 13.41\n' }, m).geometry,
    ).toEqual({
      type: 'LineString',
      coordinates: [
        [13.4, 52.52],
        [13.41, 52.53],
      ],
    });
  });

  it('says which line is wrong and how many points a kind needs', () => {
    expect(parseLocation({ kind: 'LineString', text: '52.5, 13.4\n52.5' }, m).error).toBe('bad 2');
    expect(parseLocation({ kind: 'Point', text: '52.5, 13.4\n52.6, 13.5' }, m).error).toBe('one');
    expect(parseLocation({ kind: 'LineString', text: '52.5, 13.4' }, m).error).toBe('two');
    expect(parseLocation({ kind: 'none', text: 'whatever' }, m)).toEqual({
      geometry: null,
      error: null,
    });
  });

  it('writes a stored location back as the form shows it', () => {
    const line = {
      type: 'LineString' as const,
      coordinates: [
        [13.4, 52.52],
        [13.41, 52.53],
      ],
    };
    const draft = locationFromDetail(line);
    expect(draft).toEqual({ kind: 'LineString', text: '52.52, 13.4\n52.53, 13.41' });
    expect(parseLocation(draft, m).geometry).toEqual(line);
  });
});
