import type { Preview } from '@storybook/react-vite';
import {
  appConfigLoader,
  closeAppConfig,
  withAppConfig,
} from '../stories/support/with-app-config.js';
import '../stories/support/story-styles.css';

// `parameters.appconfig` gives a story its own in-process emulator and <AppConfigProvider>.
const preview: Preview = {
  loaders: [appConfigLoader],
  beforeEach: closeAppConfig,
  decorators: [withAppConfig],
  parameters: { layout: 'padded' },
};

export default preview;
