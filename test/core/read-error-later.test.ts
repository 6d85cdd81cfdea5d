/**
 * The lazily loaded error reader when its chunk cannot load (offline, a new deployment): the
 * response still becomes a service error with its status, so retrying or stopping is decided as
 * for any response without an AWS error type; a 400 keeps its message and Details.
 */
import { describe, expect, it, vi } from 'vitest';
import { AppConfigServiceError, BadRequestException } from '../../src/core/errors.js';
import { isRetryable } from '../../src/core/is-retryable.js';
import { SERVICE_ERRORS } from '../../src/core/service-errors.js';

describe('readErrorLater without its chunk', () => {
  it('reads the status alone', async () => {
    vi.doMock('../../src/core/read-error-response.js', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    const { readErrorLater } = await import('../../src/core/read-error-later.js');
    // A header the real reader would turn into a ResourceNotFoundException: unread here.
    const headers = new Headers({ 'x-amzn-ErrorType': 'ResourceNotFoundException' });
    const notFound = await readErrorLater(SERVICE_ERRORS, 404, headers, '{"Message":"m"}', 0);
    expect(notFound).toBeInstanceOf(AppConfigServiceError);
    expect(notFound).toMatchObject({ code: 'Unknown', status: 404, message: 'HTTP 404' });
    expect(isRetryable(notFound)).toBe(false);
    const failing = await readErrorLater(SERVICE_ERRORS, 503, new Headers(), '', 0);
    expect(isRetryable(failing)).toBe(true);
    // A 400 keeps its Details and message, so the chain still renews the session on an expired
    // or spent token and waits on "too early" (before: a bare error that stopped the client).
    const expired = await readErrorLater(
      SERVICE_ERRORS,
      400,
      new Headers(),
      JSON.stringify({
        Message: 'Token expired',
        Reason: 'InvalidParameters',
        Details: { InvalidParameters: { configuration_token: { Problem: 'Expired' } } },
      }),
      0,
    );
    expect(expired).toBeInstanceOf(BadRequestException);
    expect((expired as BadRequestException).problem).toBe('Expired');
    const early = await readErrorLater(
      SERVICE_ERRORS,
      400,
      new Headers(),
      '{"Message":"Request too early"}',
      0,
    );
    expect((early as BadRequestException).problem).toBe('PollIntervalNotSatisfied');
    vi.doUnmock('../../src/core/read-error-response.js');
  });
});
