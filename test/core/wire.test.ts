import { describe, expect, it } from 'vitest';
import {
  AppConfigServiceError,
  BadRequestException,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
} from '../../src/core/errors.js';
import { errorFromResponse } from '../../src/core/error-from-response.js';
import { parseRetryAfter } from '../../src/core/read-error-response.js';
import { errorToResponse } from '../../src/server/shared/error-to-response.js';

async function roundTrip(error: AppConfigServiceError) {
  const response = errorToResponse(error);
  return errorFromResponse(response.status, response.headers, await response.text());
}

describe('wire: errors survive a round trip through HTTP', () => {
  it('BadRequestException keeps Reason and Details', async () => {
    const sent = new BadRequestException('Request too early', {
      reason: 'InvalidParameters',
      details: {
        InvalidParameters: { ConfigurationToken: { Problem: 'PollIntervalNotSatisfied' } },
      },
    });
    const received = await roundTrip(sent);
    expect(received).toBeInstanceOf(BadRequestException);
    const bad = received as BadRequestException;
    expect(bad.status).toBe(400);
    expect(bad.message).toBe('Request too early');
    expect(bad.reason).toBe('InvalidParameters');
    expect(bad.details).toEqual(sent.details);
    expect(bad.problem).toBe('PollIntervalNotSatisfied');
  });

  it('ResourceNotFoundException keeps ResourceType and ReferencedBy', async () => {
    const sent = new ResourceNotFoundException('Application not found', {
      resourceType: 'Application',
      referencedBy: { ApplicationIdentifier: 'nope' },
    });
    const received = (await roundTrip(sent)) as ResourceNotFoundException;
    expect(received).toBeInstanceOf(ResourceNotFoundException);
    expect(received.status).toBe(404);
    expect(received.resourceType).toBe('Application');
    expect(received.referencedBy).toEqual({ ApplicationIdentifier: 'nope' });
  });

  it.each([
    [new ThrottlingException('Slow down'), ThrottlingException, 429],
    [new InternalServerException('Boom'), InternalServerException, 500],
  ] as const)('%s keeps its class and status', async (sent, type, status) => {
    const received = await roundTrip(sent);
    expect(received).toBeInstanceOf(type);
    expect(received.status).toBe(status);
    expect(received.message).toBe(sent.message);
  });

  it('writes x-amzn-ErrorType, a JSON Message and Retry-After in whole seconds', async () => {
    const response = errorToResponse(new ThrottlingException('Slow down', { retryAfterMs: 1500 }));
    expect(response.headers.get('x-amzn-ErrorType')).toBe('ThrottlingException');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ Message: 'Slow down' });
  });
});

describe('wire: reading errors the way the AWS SDK does', () => {
  it('accepts namespaced and uri-suffixed error types', () => {
    const headers = new Headers({
      'x-amzn-errortype': 'com.amazonaws.appconfigdata#ThrottlingException:http://x',
    });
    expect(errorFromResponse(429, headers, '{}')).toBeInstanceOf(ThrottlingException);
  });

  it('falls back to the body code, then __type', () => {
    expect(
      errorFromResponse(400, new Headers(), '{"code":"BadRequestException","message":"m"}'),
    ).toBeInstanceOf(BadRequestException);
    const typed = errorFromResponse(
      404,
      new Headers(),
      '{"__type":"x#ResourceNotFoundException","Message":"gone"}',
    );
    expect(typed).toBeInstanceOf(ResourceNotFoundException);
    expect(typed.message).toBe('gone');
  });

  it('classifies an untyped gateway error by status', () => {
    expect(errorFromResponse(429, new Headers(), '<html>')).toBeInstanceOf(ThrottlingException);
    const bad = errorFromResponse(502, new Headers(), '');
    expect(bad).toBeInstanceOf(InternalServerException);
    expect(bad.status).toBe(502);
    const forbidden = errorFromResponse(403, new Headers(), 'nope');
    expect(forbidden.name).toBe('AppConfigServiceError');
    expect(forbidden.code).toBe('Unknown');
    expect(forbidden.message).toBe('HTTP 403');
  });

  it('keeps an unknown error code as a generic service error', () => {
    const error = errorFromResponse(
      401,
      new Headers({ 'x-amzn-ErrorType': 'UnauthorizedException' }),
      '{"Message":"who?"}',
    );
    expect(error.constructor).toBe(AppConfigServiceError);
    expect(error.code).toBe('UnauthorizedException');
    expect(error.status).toBe(401);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
