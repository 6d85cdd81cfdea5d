/**
 * Real third-party AppConfig clients (the AWS CLI, boto3) as child processes against our servers
 * on 127.0.0.1, with fake static test credentials in the child's environment only. CI installs
 * them (.ci/run), so there a missing one is a failure; locally the tests skip without them.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CREDENTIALS, REGION } from '../proxy/proxy-harness.js';

const run = promisify(execFile);

/** The first of `candidates` that exists (an absolute path) or runs (a name on PATH). */
export async function findProgram(
  candidates: readonly string[],
  probe: readonly string[],
): Promise<string | undefined> {
  for (const candidate of candidates) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    try {
      await run(candidate, [...probe], { timeout: 30_000 });
      return candidate;
    } catch {
      // not there, or not working: try the next one
    }
  }
  return undefined;
}

/** Whether tests needing a missing program may skip: only outside CI. */
export const mustHave = Boolean(process.env.CI);

/**
 * An environment with nothing of the parent's AWS settings: fake credentials, a region, no
 * shared config files (HOME is an empty folder), no instance metadata, no pager.
 */
export async function isolatedEnv(): Promise<NodeJS.ProcessEnv> {
  const home = await mkdtemp(join(tmpdir(), 'appconfig-client-home-'));
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'LANG', 'PYENV_ROOT', 'PYENV_VERSION']) {
    if (process.env[key] !== undefined) env[key] = process.env[key];
  }
  return {
    ...env,
    HOME: home,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: REGION,
    AWS_REGION: REGION,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_CLI_AUTO_PROMPT: 'off',
  };
}

/** Runs a program, resolving with stdout (rejecting with stderr in the message on failure). */
export async function runProgram(
  program: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  try {
    const { stdout } = await run(program, [...args], { env, timeout: 60_000 });
    return stdout;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`${program} ${args.slice(0, 2).join(' ')} failed: ${stderr || message}`, {
      cause: error,
    });
  }
}
