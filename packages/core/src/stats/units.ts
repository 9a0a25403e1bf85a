// Branded number types (docs/engineering.md: "so a percentage can't pass for a share").
// The brand exists only at compile time; at run time these are plain numbers. Constructors validate
// and throw a German RangeError, so a wrong value is caught where it enters, not where it is drawn.

declare const brand: unique symbol;
/** A number type tagged with a compile-time brand `B`. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Database id of an area (table `area`): a positive safe integer. */
export type AreaId = Brand<number, 'AreaId'>;
/** A proportion between 0 and 1 inclusive (e.g. 0.125). */
export type Share = Brand<number, 'Share'>;
/** A proportion in percent, 0–100 (e.g. 12.5). Changes of percentages are percentage points, not Percent. */
export type Percent = Brand<number, 'Percent'>;
/** A proportion per thousand, 0–1000 (e.g. 3.2 ‰). */
export type PerMille = Brand<number, 'PerMille'>;

function requireFinite(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${what} muss eine endliche Zahl sein, erhalten: ${String(value)}`);
  }
}

function requireRange(value: number, min: number, max: number, what: string): void {
  requireFinite(value, what);
  if (value < min || value > max) {
    throw new RangeError(`${what} muss zwischen ${min} und ${max} liegen, erhalten: ${value}`);
  }
}

/** Brands a positive safe integer as an area id; throws a RangeError otherwise. */
export function toAreaId(value: number): AreaId {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(
      `Gebiets-ID muss eine positive ganze Zahl sein, erhalten: ${String(value)}`,
    );
  }
  return value as AreaId;
}

/** Brands a number in [0, 1] as a Share; throws a RangeError otherwise. */
export function toShare(value: number): Share {
  requireRange(value, 0, 1, 'Anteil');
  return value as Share;
}

/** Brands a number in [0, 100] as Percent; throws a RangeError otherwise. */
export function toPercent(value: number): Percent {
  requireRange(value, 0, 100, 'Prozentwert');
  return value as Percent;
}

/** Brands a number in [0, 1000] as PerMille; throws a RangeError otherwise. */
export function toPerMille(value: number): PerMille {
  requireRange(value, 0, 1000, 'Promillewert');
  return value as PerMille;
}

/** Converts a Share (0–1) to Percent (0–100). */
export function shareToPercent(share: Share): Percent {
  return (share * 100) as Percent;
}

/** Converts Percent (0–100) to a Share (0–1). */
export function percentToShare(percent: Percent): Share {
  return (percent / 100) as Share;
}

/** Converts a Share (0–1) to PerMille (0–1000). */
export function shareToPerMille(share: Share): PerMille {
  return (share * 1000) as PerMille;
}
