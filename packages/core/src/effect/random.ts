// Seeded pseudo-random numbers for resampling (core has no unseeded randomness, docs/engineering.md).
// Mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator, fast and good enough for
// drawing placebo sets; not for anything secret.

/** A function returning uniform numbers in [0, 1), the same sequence for the same seed. */
export type SeededRandom = () => number;

/** Mulberry32 generator for the given 32-bit seed. */
export function createSeededRandom(seed: number): SeededRandom {
  if (!Number.isInteger(seed))
    throw new RangeError(`Seed muss eine ganze Zahl sein: ${String(seed)}`);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct elements of `items` drawn without replacement (partial Fisher–Yates). */
export function drawWithoutReplacement<T>(
  items: readonly T[],
  count: number,
  random: SeededRandom,
): T[] {
  if (count > items.length) {
    throw new RangeError(`Es können nicht ${count} aus ${items.length} Elementen gezogen werden`);
  }
  const pool = items.slice();
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const tmp = pool[i] as T;
    pool[i] = pool[j] as T;
    pool[j] = tmp;
  }
  return pool.slice(0, count);
}

/** A standard normal draw (Box–Muller), for synthetic test panels. */
export function drawNormal(random: SeededRandom): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
