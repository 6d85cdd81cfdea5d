/**
 * What scripts/check-docs.ts supplies around the docs' code blocks: where names a block uses
 * without importing them come from, stand-ins for packages the repository does not install, and
 * for the reader's own code that examples use. Keep these small: each entry is a place where the
 * docs are checked against a stand-in rather than the real thing.
 */

/** Where missing names are looked up, in this order. */
export const AUTO_IMPORT_FROM = [
  'appconfig-react',
  'appconfig-react/testing',
  'appconfig-react/server',
  'appconfig-react/server/node',
  'appconfig-react/core',
  'react',
  '@tanstack/react-query',
  '@testing-library/react',
  'vitest',
] as const;

/**
 * Packages the docs import that the repository does not install, with just the declarations the
 * examples use (hand-written stand-ins), so the lines around them are still checked.
 */
export const NOT_INSTALLED: Record<string, string> = {
  jose: `
    export function createRemoteJWKSet(url: URL): unknown;
    export function jwtVerify(token: string, key: unknown, options?: { audience?: string }): Promise<{ payload: Record<string, unknown> }>;`,
  express: `
    import type { RequestListener } from 'node:http';
    interface App { use(path: string, handler: RequestListener): void; use(handler: unknown): void }
    interface Express { (): App; json(): unknown }
    const express: Express;
    export default express;`,
  '@aws-crypto/sha256-js': `
    export const Sha256: import('@smithy/types').ChecksumConstructor;`,
  // docs/nextjs.md: the example's own packages (examples/nextjs installs them, and its e2e test
  // type-checks the same files against them with next build).
  next: `
    export interface Metadata { title?: string; description?: string }`,
  'next/server': `
    export function connection(): Promise<void>;`,
  'flags/next': `
    export interface Adapter<T> { decide(params: { key: string; defaultValue?: T }): Promise<T> | T }
    export function flag<T>(definition: { key: string; description?: string; adapter: Adapter<T>; defaultValue?: T }): () => Promise<T>;`,
  '@flags-sdk/openfeature': `
    import type { Client } from '@openfeature/server-sdk';
    import type { Adapter } from 'flags/next';
    export function createOpenFeatureAdapter(init: Client | (() => Promise<Client>)): {
      booleanValue(): Adapter<boolean>; stringValue(): Adapter<string>; numberValue(): Adapter<number>;
    };`,
  '@aws-sdk/credential-providers': `
    export function fromCognitoIdentityPool(options: { identityPoolId: string; clientConfig?: { region?: string } }):
      () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;`,
};

/**
 * Stand-ins for the reader's own code that examples use without defining. Typed as the examples
 * need them, so the calls around them are still checked.
 */
export const READER_CODE = `
import type { ComponentType, ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { Emulator } from 'appconfig-react/server';
import type { TestEmulator } from 'appconfig-react/testing';
import type * as z from 'zod';
declare global {
  const App: ComponentType;
  const Header: ComponentType;
  const Limits: ComponentType;
  const Banner: ComponentType;
  const CheckoutButton: ComponentType;
  const FlagsStatus: ComponentType;
  const Spinner: ComponentType;
  const ErrorBoundary: ComponentType<{ fallback: ReactNode; children?: ReactNode }>;
  const Settings: z.ZodType<{ banner: { text: string; tone: string }; theme: string; maxItems: number; supportEmail: string }>;
  const ids: { application: string; environment: string; profile: string };
  const emulator: Emulator;
  const emulatorA: TestEmulator;
  const emulatorB: TestEmulator;
  const queryClientA: QueryClient;
  const queryClientB: QueryClient;
  const OldCheckout: ComponentType;
  const NewCheckout: ComponentType<{ maxItems: number }>;
  const props: { endpoint: string; application: string; environment: string; profile: string };
  const auth: { getAccessToken(): Promise<string> };
}
`;

/** The reader's own modules that examples import (`./header`, `./auth`). */
export const READER_MODULES: Record<string, string> = {
  header: `export function Header() { return null; }\n`,
  auth: `export async function getAccessToken(): Promise<string> { return 'token'; }\n`,
};
