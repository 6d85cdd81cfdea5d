/**
 * The JSON the playground's dev-server API (`/playground-api`) speaks, shared by the Node side
 * (playground/server) and the browser side (playground/src).
 */
import type { ActiveFault, FaultSpec, ProfileType } from '../../src/server/index.js';

/** Where the playground's API is mounted on the dev server. */
export const PLAYGROUND_API_PATH = '/playground-api';

/** Where the emulator (the AppConfig Data API) is mounted on the dev server. */
export const EMULATOR_PATH = '/appconfig';

/** One deployed profile with its content as text (feature flags: the stored JSON document). */
export interface DeployedProfile {
  application: string;
  environment: string;
  profile: string;
  type: ProfileType;
  versionNumber: number;
  versionLabel: string | undefined;
  contentType: string;
  content: string;
}

/** `GET /playground-api/state`. */
export interface PlaygroundState {
  deployments: DeployedProfile[];
  faults: ActiveFault[];
}

/** `POST /playground-api/deploy`. */
export interface DeployRequest {
  application: string;
  environment: string;
  profile: string;
  /** The new content as text: for feature flags, the stored document as JSON. */
  content: string;
  /** Default: the content type of the deployed version, else `application/json`. */
  contentType?: string;
  versionLabel?: string;
}

/** `POST /playground-api/deploy` when AppConfig's validation refused the document (400). */
export interface DeployRefusal {
  error: string;
  message: string;
  issues?: readonly { path: string; message: string }[];
}

/** `POST /playground-api/faults`: a fault for the emulator's next matching request(s). */
export type FaultRequest = FaultSpec;
