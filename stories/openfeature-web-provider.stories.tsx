import type { Meta, StoryObj } from '@storybook/react-vite';
import { OpenFeatureProvider } from '@openfeature/react-sdk';
import {
  BooleanFlag,
  NumberFlag,
  OpenFeatureStatus,
  StringFlag,
} from './components/openfeature-flags.js';
import { FLAGS, SETTINGS_YAML } from './support/fixtures.js';
import {
  closeOpenFeature,
  loadedOpenFeature,
  openFeatureLoader,
  openfeature,
} from './support/openfeature-story.js';

/**
 * `AppConfigWebProvider` (`appconfig-react/openfeature`) under OpenFeature's React SDK, on an
 * in-process emulator: `flagKey` reads a flag's `enabled`, `flagKey.attribute` an attribute, and a
 * JSON pointer any member of a free-form configuration.
 */
const meta = {
  title: 'OpenFeature/AppConfigWebProvider',
  loaders: [openFeatureLoader],
  beforeEach: closeOpenFeature,
  render: (_args, context) => {
    const { domain, deployNext } = loadedOpenFeature(context);
    const settings = Boolean(
      (context.parameters.openfeature as { configuration?: unknown }).configuration,
    );
    return (
      <OpenFeatureProvider domain={domain}>
        <OpenFeatureStatus onReady={deployNext} />
        {settings ? (
          <ul className="flag-list">
            <StringFlag flagKey="theme" />
            <NumberFlag flagKey="/maxItems" />
            <StringFlag flagKey="banner" />
          </ul>
        ) : (
          <ul className="flag-list">
            <BooleanFlag flagKey="darkMode" />
            <BooleanFlag flagKey="betaBanner" />
            <NumberFlag flagKey="checkoutV2.maxItems" />
            <StringFlag flagKey="checkoutV2.maxItems" />
          </ul>
        )}
      </OpenFeatureProvider>
    );
  },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** Flags: booleans from `enabled` (a disabled flag is `DISABLED`), numbers from attributes. */
export const Flags: Story = { parameters: openfeature({ flags: FLAGS, versionLabel: 'v1' }) };

/** A free-form YAML configuration, read by member name and JSON pointer. */
export const FreeFormConfiguration: Story = {
  parameters: openfeature({ configuration: SETTINGS_YAML, versionLabel: 'v1' }),
};

/** A new deployment: `PROVIDER_CONFIGURATION_CHANGED` lists only the flag that changed. */
export const NewDeployment: Story = {
  parameters: openfeature({
    flags: FLAGS,
    versionLabel: 'v1',
    next: { flags: { ...FLAGS, darkMode: false }, versionLabel: 'v2' },
  }),
};

/** A profile that does not exist: `PROVIDER_ERROR`, and every flag its default with `GENERAL`. */
export const UnknownProfile: Story = {
  parameters: openfeature({ flags: FLAGS, profile: 'nowhere' }),
};
