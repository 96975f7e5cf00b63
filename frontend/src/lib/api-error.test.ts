import { describe, expect, it } from 'vitest';

import { apiErrorFromBody } from '@/lib/api-error';

describe('apiErrorFromBody', () => {
  it('keeps flat field messages as they are', () => {
    const error = apiErrorFromBody(400, { message: 'Fehler', code: 'validation_error', extra: { fields: { email: ['Ungültig.'] } } });
    expect(error.fields).toEqual({ email: ['Ungültig.'] });
  });

  it('flattens nested serializer errors to dotted keys', () => {
    const error = apiErrorFromBody(400, {
      message: 'Fehler',
      code: 'validation_error',
      extra: { fields: { availability: { until: ['Datum in der Vergangenheit.'] }, visibility: { bio: ['Ungültige Wahl.'] } } },
    });
    expect(error.fields).toEqual({ 'availability.until': ['Datum in der Vergangenheit.'], 'visibility.bio': ['Ungültige Wahl.'] });
  });

  it('flattens the per-row errors of a list body', () => {
    const error = apiErrorFromBody(400, {
      message: 'Fehler',
      code: 'validation_error',
      extra: { fields: [{}, { url: ['Das ist keine XING-Adresse.'] }] },
    });
    expect(error.fields).toEqual({ '1.url': ['Das ist keine XING-Adresse.'] });
    expect(error.fieldMessages('1.url')).toEqual(['Das ist keine XING-Adresse.']);
  });
});
