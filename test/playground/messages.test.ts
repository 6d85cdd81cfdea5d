/** The playground's words for failures and deployments (the e2e test shows them in Chromium). */
import { describe, expect, it } from 'vitest';
import { settingsProblem } from '../../playground/src/demo/settings-problem.js';
import { describeEntry, describeEvent } from '../../playground/src/timeline/describe-event.js';
import {
  AppConfigServiceError,
  BadRequestException,
  ConfigurationDecodeError,
  ThrottlingException,
} from '../../src/core/errors.js';

describe('settingsProblem', () => {
  it('calls a throttled poll a retry, not a refusal', () => {
    expect(settingsProblem(new ThrottlingException('Rate exceeded'), false, true)).toEqual({
      kind: 'retrying',
      text: 'The last Settings poll failed (ThrottlingException); retrying, showing the last good settings.',
    });
  });

  it('shows a refusal with its message', () => {
    const error = new ConfigurationDecodeError(
      'theme: expected light or dark. The last good value is kept.',
      {
        contentType: 'application/x-yaml',
      },
    );
    expect(settingsProblem(error, false, true)).toEqual({
      kind: 'refused',
      text: 'Settings refused: theme: expected light or dark. The last good value is kept.',
    });
  });

  it('says nothing without an error', () => {
    expect(settingsProblem(undefined, false, true)).toBeUndefined();
  });
});

describe('describeEvent', () => {
  const brokeOff = {
    type: 'error' as const,
    at: 0,
    error: new AppConfigServiceError(
      'IncompleteResponse',
      'The response body broke off: terminated',
    ),
    retryInMs: 1000,
  };
  const session = (reason: 'corrupted' | 'interrupted') => ({
    type: 'session-start' as const,
    at: 1,
    reason,
  });

  it('tells a body that broke off from a token refused as corrupted', () => {
    expect(describeEvent(brokeOff).title).toBe('Answer broke off');
    expect(describeEvent({ ...brokeOff, error: new BadRequestException('corrupted') }).title).toBe(
      'BadRequestException',
    );
    expect(describeEvent(session('interrupted')).detail).toBe(
      'the last answer broke off, so its token counts as spent: new session',
    );
    expect(describeEvent(session('corrupted')).detail).toBe(
      'the token was refused as corrupted: new session',
    );
  });

  it('describes a deployment with when the demo will read it', () => {
    const entry = {
      id: 1,
      kind: 'deploy' as const,
      at: 0,
      profile: 'Settings',
      versionNumber: 3,
      versionLabel: 'spring',
      nextPollInMs: 11_200,
    };
    expect(describeEntry(entry)).toEqual({
      title: 'Deployed Settings version 3 (“spring”)',
      detail: 'the demo reads it at its next poll, in 12 s',
      tone: 'deploy',
    });
  });
});
