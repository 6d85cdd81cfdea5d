import type { Meta, StoryObj } from '@storybook/react-vite';
import { FlagList } from './components/flag-list.js';
import { FLAGS, NO_ANSWER, appconfig } from './support/fixtures.js';

/** `useFlags()`: every flag, `{}` until there is a configuration. */
const meta = {
  title: 'Hooks/useFlags',
  component: FlagList,
} satisfies Meta<typeof FlagList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const AllFlags: Story = { parameters: appconfig({ flags: FLAGS }) };

export const WhileLoading: Story = { parameters: appconfig({ flags: FLAGS, ...NO_ANSWER }) };
