/**
 * Errors crossing tabs: what a BroadcastChannel carries (structuredClone) is rebuilt as the same
 * class with the same fields, so a follower's React Query state says what AppConfig said.
 */
import { describe, expect, it } from 'vitest';
import {
  AppConfigServiceError,
  BadRequestException,
  ConfigurationDecodeError,
  InternalServerException,
  NetworkError,
  ResourceNotFoundException,
  ThrottlingException,
  type AppConfigError,
} from '../../../src/core/errors.js';
import { isRetryable } from '../../../src/core/is-retryable.js';
import { sharingKit } from '../../../src/core/cross-tab/sharing-kit.js';
import { fromTabError, toTabError } from '../../../src/core/cross-tab/tab-error.js';

const [, , ...classes] = sharingKit;
const across = (error: AppConfigError) =>
  fromTabError(structuredClone(toTabError(error, 'failure')), classes);

describe('an error sent to another tab', () => {
  const cases: [string, AppConfigError, Record<string, unknown>][] = [
    [
      'BadRequestException',
      new BadRequestException(
        'Request too early',
        {
          reason: 'InvalidParameters',
          details: { InvalidParameters: { poll: { Problem: 'PollIntervalNotSatisfied' } } },
        },
        { retryAfterMs: 1500 },
      ),
      {
        status: 400,
        code: 'BadRequestException',
        reason: 'InvalidParameters',
        problem: 'PollIntervalNotSatisfied',
        retryAfterMs: 1500,
      },
    ],
    [
      'ResourceNotFoundException',
      new ResourceNotFoundException('Profile missing', {
        resourceType: 'ConfigurationProfile',
        referencedBy: { ConfigurationProfileIdentifier: 'nope' },
      }),
      {
        status: 404,
        resourceType: 'ConfigurationProfile',
        referencedBy: { ConfigurationProfileIdentifier: 'nope' },
      },
    ],
    [
      'ThrottlingException',
      new ThrottlingException('Slow down', { retryAfterMs: 2000 }),
      { status: 429, retryAfterMs: 2000 },
    ],
    [
      'InternalServerException',
      new InternalServerException('Oops', { status: 503 }),
      { status: 503 },
    ],
    [
      'AppConfigServiceError',
      new AppConfigServiceError('UnauthorizedException', 'No', { status: 401 }),
      { status: 401, code: 'UnauthorizedException' },
    ],
    [
      'NetworkError',
      new NetworkError('No response within 10000 ms', { timedOut: true }),
      { timedOut: true },
    ],
    [
      'ConfigurationDecodeError',
      new ConfigurationDecodeError('Refused by schema', {
        contentType: 'application/json',
        versionLabel: 'v7',
        issues: [{ message: 'Expected boolean', path: ['flags', 0, Symbol('tag')] }],
      }),
      {
        contentType: 'application/json',
        versionLabel: 'v7',
        issues: [{ message: 'Expected boolean', path: ['flags', 0, 'Symbol(tag)'] }],
      },
    ],
  ];

  it.each(cases)('%s keeps its class, message and fields', (name, error, fields) => {
    const rebuilt = across(error);
    expect(rebuilt).toBeInstanceOf(error.constructor);
    expect(rebuilt.name).toBe(name);
    expect(rebuilt.message).toBe(error.message);
    expect(rebuilt).toMatchObject(fields);
    // What decides React Query's retries decides them the same way in every tab.
    expect(isRetryable(rebuilt)).toBe(isRetryable(error));
  });

  it('an error this version does not know arrives as a NetworkError with its message', () => {
    const unknown = {
      name: 'FutureError',
      message: 'From a newer tab',
      kind: 'failure' as const,
      fields: {},
    };
    expect(fromTabError(unknown, classes)).toBeInstanceOf(NetworkError);
    expect(fromTabError(unknown, classes).message).toBe('From a newer tab');
  });
});
