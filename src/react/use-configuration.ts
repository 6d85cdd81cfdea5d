'use client';
import { useCallback } from './externals.js';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { AppConfigSnapshot } from '../core/types.js';
import { useAppConfigContext, type AppConfigContextValue } from './app-config-context.js';
import { checkHookSchema } from './check-hook-schema.js';
import type { ConfigurationResult, SchemaOutput, UseConfigurationOptions } from './types.js';
import { useSelectedSnapshot } from './use-selected-snapshot.js';

/** useConfiguration's work, for it and its Suspense twin. @internal */
export function useConfigurationResult(
  hook: string,
  options: UseConfigurationOptions<unknown, StandardSchemaV1 | undefined, unknown> | undefined,
): { result: ConfigurationResult<unknown>; context: AppConfigContextValue } {
  const context = useAppConfigContext(hook, options?.provider);
  const schema = options?.schema;
  const pick = options?.select;
  const { client } = context;
  const select = useCallback(
    (snapshot: AppConfigSnapshot<unknown>): ConfigurationResult<unknown> => {
      const checked = schema
        ? checkHookSchema(client, schema, snapshot, hook)
        : { ...snapshot, value: snapshot.configuration, error: undefined };
      const available = checked.value !== undefined;
      const error = checked.error ?? snapshot.error;
      return {
        data: available && pick ? pick(checked.value) : checked.value,
        status: available ? 'ready' : error ? 'error' : 'loading',
        error,
        versionLabel: checked.versionLabel,
        source: checked.source,
        fetchedAt: checked.fetchedAt,
        stopped: snapshot.stopped,
      };
    },
    [client, schema, pick, hook],
  );
  return { result: useSelectedSnapshot(context, select), context };
}

/**
 * The configuration of a free-form profile (JSON, YAML or text), optionally validated by a schema
 * for this hook and narrowed by `select`. Types follow the schema's output and `select`'s result.
 * Re-renders only when the selected data (compared structurally) or the status change.
 *
 * @example
 * const Limits = z.object({ maxItems: z.number() });
 * const { data: maxItems } = useConfiguration({ schema: Limits, select: (c) => c.maxItems });
 */
export function useConfiguration<
  TSchema extends StandardSchemaV1 | undefined = undefined,
  TSelected = SchemaOutput<TSchema, unknown>,
>(options?: UseConfigurationOptions<unknown, TSchema, TSelected>): ConfigurationResult<TSelected> {
  const { result } = useConfigurationResult(
    'useConfiguration',
    options as UseConfigurationOptions<unknown, StandardSchemaV1 | undefined, unknown>,
  );
  return result as ConfigurationResult<TSelected>;
}
