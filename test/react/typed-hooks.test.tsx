// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createAppConfigHooks } from '../../src/react/index.js';
import { AppConfigTestProvider } from '../../src/testing/index.js';

afterEach(cleanup);

const Flags = z.object({
  darkMode: z.object({ enabled: z.boolean() }),
  checkout: z.object({ enabled: z.boolean(), limit: z.number().optional() }),
});

const { useFlag, useFlagDetails, useFlags, useConfiguration } =
  createAppConfigHooks<typeof Flags>();

describe('createAppConfigHooks', () => {
  it('types keys, attributes and configuration from the schema', () => {
    function Page() {
      const dark = useFlag('darkMode');
      // @ts-expect-error: not a flag of this profile
      useFlag('darkmode');
      const { attributes } = useFlagDetails('checkout');
      expectTypeOf(attributes.limit).toEqualTypeOf<number | undefined>();
      const flags = useFlags();
      expectTypeOf(flags.darkMode).toEqualTypeOf<{ enabled: boolean } | undefined>();
      const { data } = useConfiguration({ select: (config) => config.checkout.limit });
      expectTypeOf(data).toEqualTypeOf<number | undefined>();
      return <p>{`${dark} ${attributes.limit} ${data}`}</p>;
    }
    const flags = { darkMode: { enabled: true }, checkout: { enabled: true, limit: 2 } };
    expect(Flags.parse(flags)).toEqual(flags);
    render(
      <AppConfigTestProvider flags={flags}>
        <Page />
      </AppConfigTestProvider>,
    );
    expect(screen.getByText('true 2 2')).toBeTruthy();
  });

  it('binds a provider name, which an option can still override', () => {
    const ops = createAppConfigHooks<{ maintenance: { enabled: boolean } }>({ provider: 'ops' });
    function Banner() {
      return (
        <p>{`${ops.useFlag('maintenance')} ${ops.useFlag('maintenance', { provider: 'ui' })}`}</p>
      );
    }
    render(
      <AppConfigTestProvider name="ops" flags={{ maintenance: true }}>
        <AppConfigTestProvider name="ui" flags={{ maintenance: false }}>
          <Banner />
        </AppConfigTestProvider>
      </AppConfigTestProvider>,
    );
    expect(screen.getByText('true false')).toBeTruthy();
  });
});
