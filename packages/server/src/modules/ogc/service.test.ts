import { describe, expect, it } from 'vitest';
import { HttpError } from '../../http/errors.ts';
import { parseBBox } from './service.ts';

describe('parseBBox', () => {
  it('reads four numbers and ignores heights of six', () => {
    expect(parseBBox('13.1,52.4,13.5,52.6')).toEqual([13.1, 52.4, 13.5, 52.6]);
    expect(parseBBox('13.1,52.4,0,13.5,52.6,100')).toEqual([13.1, 52.4, 13.5, 52.6]);
    expect(parseBBox(undefined)).toBeNull();
  });

  it('rejects a wrong count, non-numbers and south above north with a German 400', () => {
    for (const bad of ['1,2,3', '1,2,x,4', '13,53,14,52']) {
      let err: unknown;
      try {
        parseBBox(bad);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(HttpError);
      expect((err as HttpError).statusCode).toBe(400);
      expect((err as HttpError).message).toMatch(/^Abfrageparameter „bbox“/);
    }
  });
});
