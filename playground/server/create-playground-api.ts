/**
 * The playground's own JSON API, a web-standard handler like the emulator it drives:
 * - `GET  /playground-api/state`: what is deployed (with the content) and the pending faults;
 * - `POST /playground-api/deploy`: a new version of a profile; 400 with AppConfig's reason when
 *   its validation refuses the document (the deployed version stays served);
 * - `POST /playground-api/faults` / `DELETE /playground-api/faults`: fault injection.
 */
import { Hono, type Context } from 'hono';
import { InvalidOptionsError } from '../../src/core/index.js';
import {
  FeatureFlagValidationError,
  type DeployedConfiguration,
  type Emulator,
} from '../../src/server/index.js';
import {
  PLAYGROUND_API_PATH,
  type DeployRefusal,
  type DeployRequest,
  type DeployedProfile,
  type PlaygroundState,
} from '../shared/playground-api-types.js';

const decoder = new TextDecoder();

function toDeployedProfile(deployed: DeployedConfiguration): DeployedProfile {
  return {
    application: deployed.application.name,
    environment: deployed.environment.name,
    profile: deployed.profile.name,
    type: deployed.profile.type,
    versionNumber: deployed.versionNumber,
    versionLabel: deployed.versionLabel,
    contentType: deployed.contentType,
    content: decoder.decode(deployed.content),
  };
}

function refusal(c: Context, error: string, message: string, issues?: DeployRefusal['issues']) {
  const body: DeployRefusal = issues ? { error, message, issues } : { error, message };
  return c.json(body, 400);
}

async function readObject(c: Context): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = await c.req.json();
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function parseDeployRequest(body: Record<string, unknown>): DeployRequest | string {
  for (const field of ['application', 'environment', 'profile', 'content'] as const) {
    if (typeof body[field] !== 'string') return `"${field}" must be a string.`;
  }
  for (const field of ['contentType', 'versionLabel'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') {
      return `"${field}" must be a string when given.`;
    }
  }
  return body as unknown as DeployRequest;
}

/** Creates the handler of `/playground-api/*` over `emulator`. */
export function createPlaygroundApi(emulator: Emulator): (request: Request) => Promise<Response> {
  const app = new Hono().basePath(PLAYGROUND_API_PATH);

  app.get('/state', (c) => {
    const deployments = emulator.describe().flatMap((summary) => {
      const deployed = emulator.deployed({
        application: summary.application.id,
        environment: summary.environment.id,
        profile: summary.profile.id,
      });
      return deployed ? [toDeployedProfile(deployed)] : [];
    });
    const state: PlaygroundState = { deployments, faults: emulator.faults.pending() };
    return c.json(state);
  });

  app.post('/deploy', async (c) => {
    const body = await readObject(c);
    if (!body) return refusal(c, 'BadRequest', 'The body must be a JSON object.');
    const input = parseDeployRequest(body);
    if (typeof input === 'string') return refusal(c, 'BadRequest', input);
    const { application, environment, profile, content } = input;
    const current = emulator.deployed({ application, environment, profile });
    const versionLabel = input.versionLabel?.trim();
    try {
      emulator.deploy({
        application,
        environment,
        profile,
        content,
        contentType: input.contentType ?? current?.contentType ?? 'application/json',
        ...(versionLabel ? { versionLabel } : {}),
      });
    } catch (error) {
      if (error instanceof FeatureFlagValidationError) {
        return refusal(c, error.name, error.message, error.issues);
      }
      if (error instanceof InvalidOptionsError) return refusal(c, error.name, error.message);
      throw error;
    }
    const deployed = emulator.deployed({ application, environment, profile });
    return c.json(deployed ? toDeployedProfile(deployed) : null);
  });

  app.post('/faults', async (c) => {
    const body = await readObject(c);
    if (!body) return refusal(c, 'BadRequest', 'The body must be a JSON object (a fault spec).');
    try {
      emulator.faults.inject(body as never);
    } catch (error) {
      if (error instanceof InvalidOptionsError) return refusal(c, error.name, error.message);
      throw error;
    }
    return c.json({ faults: emulator.faults.pending() });
  });

  app.delete('/faults', (c) => {
    emulator.faults.clear();
    return c.json({ faults: emulator.faults.pending() });
  });

  return async (request) => app.fetch(request);
}
