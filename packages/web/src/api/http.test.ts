import { describe, expect, it } from 'vitest';
import { ApiError, fieldReason } from './http.ts';

describe('fieldReason', () => {
  const refused = new ApiError('Ungültige Anfrage – …', 400, 'validation_failed', [
    { in: 'querystring', field: 'need', reason: 'Ungültige Option' },
    { in: 'querystring', field: 'threshold', reason: 'eine Zahl von -100 bis 100 erwartet' },
  ]);

  it('finds the server’s reason for one field of a refused request', () => {
    expect(fieldReason(refused, 'threshold')).toBe('eine Zahl von -100 bis 100 erwartet');
    expect(fieldReason(refused, 'serviceType')).toBeNull();
  });

  it('is null for other errors', () => {
    expect(fieldReason(new ApiError('x', 400, 'bad_request', refused.details), 'threshold')).toBe(
      null,
    );
    expect(fieldReason(new Error('x'), 'threshold')).toBeNull();
    expect(fieldReason(new ApiError('x', 400, 'validation_failed'), 'threshold')).toBeNull();
  });
});
