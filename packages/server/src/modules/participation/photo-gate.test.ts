// The gate in front of photo re-encoding (photo-image.ts, bench q): never more than PHOTO_WORKERS at
// once, first come first served, a failing photo gives its slot back.
import { describe, expect, it } from 'vitest';
import { PHOTO_WORKERS, inTurn } from './photo-image.ts';

const tick = () => new Promise((r) => setTimeout(r, 2));

describe('inTurn', () => {
  it('runs at most PHOTO_WORKERS at once and in the order they came', async () => {
    let now = 0;
    let most = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 12 }, (_, i) =>
      inTurn(async () => {
        started.push(i);
        most = Math.max(most, ++now);
        await tick();
        now--;
        return i;
      }),
    );
    expect(await Promise.all(tasks)).toEqual([...Array(12).keys()]);
    expect(most).toBe(Math.min(PHOTO_WORKERS, 12));
    expect(started).toEqual([...Array(12).keys()]);
  });

  it('gives the slot back when a photo fails', async () => {
    const failing = Array.from({ length: PHOTO_WORKERS + 2 }, () =>
      inTurn(async () => {
        await tick();
        throw new Error('kaputt');
      }).catch((e: Error) => e.message),
    );
    expect(new Set(await Promise.all(failing))).toEqual(new Set(['kaputt']));
    expect(await inTurn(async () => 'weiter')).toBe('weiter');
  });
});
