/** The browser's side of the dev server's `/playground-api`. */
import { queryOptions } from '@tanstack/react-query';
import type { ActiveFault } from '../../../src/server/index.js';
import {
  PLAYGROUND_API_PATH,
  type DeployRefusal,
  type DeployRequest,
  type DeployedProfile,
  type FaultRequest,
  type PlaygroundState,
} from '../../shared/playground-api-types.js';

/** AppConfig (or the API) refused a deployment; `issues` lists what is wrong. */
export class DeployRefusedError extends Error {
  override readonly name = 'DeployRefusedError';
  readonly issues: DeployRefusal['issues'];
  constructor(refusal: DeployRefusal) {
    super(refusal.message);
    this.issues = refusal.issues;
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${PLAYGROUND_API_PATH}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 400)
    throw new DeployRefusedError((await response.json()) as DeployRefusal);
  if (!response.ok) {
    throw new Error(`${method} ${PLAYGROUND_API_PATH}${path} answered ${response.status}`);
  }
  return (await response.json()) as T;
}

/** What is deployed and which faults are pending; refreshed every 2 s (file edits show up too). */
export const playgroundStateQuery = queryOptions({
  queryKey: ['playground-state'],
  queryFn: () => call<PlaygroundState>('GET', '/state'),
  refetchInterval: 2000,
});

export const deploy = (request: DeployRequest) => call<DeployedProfile>('POST', '/deploy', request);

export const injectFault = (fault: FaultRequest) =>
  call<{ faults: ActiveFault[] }>('POST', '/faults', fault);

export const clearFaults = () => call<{ faults: ActiveFault[] }>('DELETE', '/faults');
