import type { Meta, StoryObj } from '@storybook/react-vite';
import { SettingsCard } from './components/settings-card.js';
import { NO_ANSWER, SETTINGS_YAML, appconfig } from './support/fixtures.js';

/** `useConfiguration({ schema })` on a free-form profile, validated by a zod schema. */
const meta = {
  title: 'Hooks/useConfiguration',
  component: SettingsCard,
} satisfies Meta<typeof SettingsCard>;

export default meta;
type Story = StoryObj<typeof meta>;

/** YAML, decoded and checked by the schema: typed data. */
export const WithSchema: Story = {
  parameters: appconfig({ configuration: SETTINGS_YAML, versionLabel: 'v1' }),
};

/** v1 passes the schema; v2 (`theme: purple`) does not: the hook keeps v1 and reports why. */
export const SchemaFailureKeepsLastGood: Story = {
  parameters: appconfig({
    configuration: { content: { theme: 'light', maxItems: 20 } },
    versionLabel: 'v1',
    next: { configuration: { content: { theme: 'purple', maxItems: 20 } }, versionLabel: 'v2' },
  }),
};

/** The only configuration fails the schema: no data, status `error`. */
export const SchemaFailureWithoutGoodValue: Story = {
  parameters: appconfig({
    configuration: { content: { theme: 'purple', maxItems: 20 } },
    versionLabel: 'v1',
  }),
};

export const Loading: Story = {
  parameters: appconfig({ configuration: SETTINGS_YAML, ...NO_ANSWER }),
};
