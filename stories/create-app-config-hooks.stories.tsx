import type { Meta, StoryObj } from '@storybook/react-vite';
import { z } from 'zod';
import { createAppConfigHooks } from '../src/react/index.js';
import { FLAGS, appconfig } from './support/fixtures.js';

const Flags = z.object({
  darkMode: z.object({ enabled: z.boolean() }),
  checkoutV2: z.object({ enabled: z.boolean(), maxItems: z.number().optional() }),
});

// Keys and attributes are checked by TypeScript: useFlag('darkmode') would not compile.
const { useFlag, useFlagDetails } = createAppConfigHooks<typeof Flags>();

function TypedCheckout() {
  const darkMode = useFlag('darkMode');
  const checkout = useFlagDetails('checkoutV2');
  const maxItems: number | undefined = checkout.attributes.maxItems;
  return (
    <div className="card">
      <h4>Typed hooks</h4>
      <p>
        dark mode {darkMode ? 'on' : 'off'} · checkout v2 {checkout.enabled ? 'on' : 'off'}, up to{' '}
        {maxItems ?? '?'} items
      </p>
    </div>
  );
}

/** `createAppConfigHooks<typeof Schema>()`: the same hooks, typed from your schema. */
const meta = {
  title: 'Hooks/createAppConfigHooks',
  component: TypedCheckout,
} satisfies Meta<typeof TypedCheckout>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The schema is also given to the provider, which checks each configuration with it. */
export const TypedHooks: Story = {
  parameters: appconfig({ flags: FLAGS, provider: { schema: Flags } }),
};
