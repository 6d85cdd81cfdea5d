import type { Meta, StoryObj } from '@storybook/react-vite';
import { FlagBadge } from './components/flag-badge.js';
import { StatusLine } from './components/status-line.js';
import { FLAGS, NO_ANSWER, appconfig } from './support/fixtures.js';

/** `useFlag(key, { defaultValue })`: a boolean, the default until there is a configuration. */
const meta = {
  title: 'Hooks/useFlag',
  component: FlagBadge,
  argTypes: { flag: { control: 'text' } },
  render: (args) => (
    <>
      <FlagBadge {...args} />
      <StatusLine />
    </>
  ),
  parameters: appconfig({ flags: FLAGS, versionLabel: 'v1' }),
} satisfies Meta<typeof FlagBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const FlagOn: Story = { args: { flag: 'darkMode' } };

export const FlagOff: Story = { args: { flag: 'betaBanner' } };

/** A flag the profile does not have: `defaultValue`. */
export const MissingFlagDefault: Story = { args: { flag: 'newSearch', defaultValue: true } };

/** Before the first answer: the default (`false`). */
export const WhileLoading: Story = {
  args: { flag: 'darkMode' },
  parameters: appconfig({ flags: FLAGS, ...NO_ANSWER }),
};
