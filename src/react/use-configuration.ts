'use client';
import { useMemo } from './externals.js';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { shareStructure } from '../core/share-structure.js';
import type { ConfigurationData } from '../core/types.js';
import { useAppConfigContext, type AppConfigContextValue } from './app-config-context.js';
import { checkHookSchema } from './check-hook-schema.js';
import { queryStatus } from './query-status.js';
import type { ConfigurationResult, SchemaOutput, UseConfigurationOptions } from './types.js';
import { useAppConfigQuery } from './use-app-config-query.js';
import { warnIfFlagsProfile } from './warn-if-flags-profile.js';

type Selected = Pick<
  ConfigurationResult<unknown>,
  'data' | 'versionLabel' | 'source' | 'fetchedAt'
> & {
  schemaError: ConfigurationResult<unknown>['error'];
};

/** useConfiguration's work, for it and its Suspense twin. @internal */
export function useConfigurationResult(
  hook: string,
  options: UseConfigurationOptions<unknown, StandardSchemaV1 | undefined, unknown> | undefined,
  suspense = false,
): { result: ConfigurationResult<unknown>; context: AppConfigContextValue } {
  const context = useAppConfigContext(hook, options?.provider);
  const schema = options?.schema;
  const pick = options?.select;
  const { client } = context;
  const select = useMemo(() => {
    let last: Selected | undefined;
    return (data: ConfigurationData | undefined): Selected => {
      const checked = schema
        ? checkHookSchema(client, schema, data, hook)
        : { data, error: undefined };
      if (process.env.NODE_ENV !== 'production' && schema && checked.error) {
        warnIfFlagsProfile(hook, client, data);
      }
      const value = checked.data?.configuration;
      const picked = value !== undefined && pick ? pick(value) : value;
      const next: Selected = {
        // Compared structurally: a selection equal to the last keeps its identity.
        data: shareStructure(last?.data, picked),
        versionLabel: checked.data?.versionLabel,
        source: checked.data?.source,
        fetchedAt: checked.data?.fetchedAt,
        schemaError: checked.error,
      };
      if (
        last &&
        (Object.keys(next) as (keyof Selected)[]).every((k) => Object.is(next[k], last![k]))
      ) {
        return last;
      }
      return (last = next);
    };
  }, [client, schema, pick, hook]);
  const { selected, result } = useAppConfigQuery(context, select, {
    suspense,
    live: options?.live,
  });
  const status = queryStatus(result, selected.data !== undefined);
  const error = selected.schemaError ?? status.error;
  return {
    result: useMemo(
      () => ({
        data: selected.data,
        status: selected.data !== undefined ? 'ready' : error ? 'error' : 'loading',
        error,
        versionLabel: selected.versionLabel,
        source: selected.source,
        fetchedAt: selected.fetchedAt,
        stopped: status.stopped,
      }),
      [selected, error, status.stopped],
    ),
    context,
  };
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
