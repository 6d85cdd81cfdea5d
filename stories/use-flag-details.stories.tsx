import type { Meta, StoryObj } from '@storybook/react-vite';
import { FlagDetailsCard } from './components/flag-details-card.js';
import { FLAGS, appconfig } from './support/fixtures.js';

/** `useFlagDetails(key)`: enabled, attributes, version label, source. */
const meta = {
  title: 'Hooks/useFlagDetails',
  component: FlagDetailsCard,
  argTypes: { flag: { control: 'text' } },
} satisfies Meta<typeof FlagDetailsCard>;

export default meta;
type Story = StoryObj<typeof meta>;

const ready = appconfig({ flags: FLAGS, versionLabel: 'v1' });

export const WithAttributes: Story = { args: { flag: 'checkoutV2' }, parameters: ready };

/** AppConfig serves a disabled flag's attributes only while it is enabled. */
export const DisabledWithoutAttributes: Story = {
  args: { flag: 'checkoutV2' },
  parameters: appconfig({
    flags: { checkoutV2: { enabled: false, maxItems: 25 } },
    versionLabel: 'v2',
  }),
};

export const MissingFlag: Story = { args: { flag: 'newSearch' }, parameters: ready };
