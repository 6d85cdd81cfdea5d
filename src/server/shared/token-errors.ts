/** The 400 answers about a configuration token, in the model's wire shape. */
import { BadRequestException, type InvalidParameterProblem } from '../../core/errors.js';

/** The parameter name used as the key under `Details.InvalidParameters` (NOTES §4: probable). */
export const TOKEN_PARAMETER = 'ConfigurationToken';

/** The service's exact message for a poll before the interval (NOTES §3). */
export const TOO_EARLY_MESSAGE = 'Request too early';

/** A BadRequestException with `Reason: InvalidParameters` and the token's `Problem`. */
export function tokenProblem(
  problem: InvalidParameterProblem,
  message: string,
): BadRequestException {
  return new BadRequestException(message, {
    reason: 'InvalidParameters',
    details: { InvalidParameters: { [TOKEN_PARAMETER]: { Problem: problem } } },
  });
}

export const TOKEN_MESSAGES = {
  unknown:
    'The configuration token is corrupted: it was not issued by this service or was changed. Start a new session with StartConfigurationSession.',
  reused:
    'The configuration token was already used. Each token is good for one GetLatestConfiguration call: use NextPollConfigurationToken from the previous response.',
  expired:
    'The configuration token has expired: tokens are valid for 24 hours after they are issued. Start a new session with StartConfigurationSession.',
} as const;
