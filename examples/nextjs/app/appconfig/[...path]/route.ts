/**
 * Mounts the AppConfig Data API at /appconfig on this app's own origin: the emulator's handler is
 * a web-standard `(Request) => Promise<Response>`, as a route handler is. The browser's providers
 * poll here: same origin, so no CORS, and the browser never learns where AppConfig really is.
 */
import { appConfigService } from '../../../lib/appconfig-service';

const handle = async (request: Request): Promise<Response> =>
  (await appConfigService()).handle(request);

export const GET = handle;
export const POST = handle;
