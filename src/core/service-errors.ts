/**
 * The service error classes as a list, for the modules loaded lazily that build them
 * (read-error-response.ts, and cross-tab's tab-error.ts through sharing-kit.ts), which take them
 * from their caller rather than import them.
 */
import {
  AppConfigServiceError,
  BadRequestException,
  InternalServerException,
  ResourceNotFoundException,
  ThrottlingException,
} from './errors.js';
import type { ServiceErrorClasses } from './read-error-response.js';

export const SERVICE_ERRORS: ServiceErrorClasses = [
  AppConfigServiceError,
  BadRequestException,
  ResourceNotFoundException,
  ThrottlingException,
  InternalServerException,
];
