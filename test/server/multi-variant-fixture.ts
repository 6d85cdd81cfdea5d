/**
 * The multi-variant document of the user guide's "Creating a multi-variant feature flag" (command
 * line), plus a basic flag beside it. Tests mutate copies freely.
 */
import type { Doc } from './feature-flag-fixture.js';

export const UI_REFRESH = {
  application: 'UIRefresh',
  environment: 'Production',
  profile: 'Features',
} as const;

export function uiRefreshDoc(): Doc {
  return {
    flags: {
      ui_refresh: {
        attributes: { dark_mode_support: { constraints: { type: 'boolean' } } },
        description: 'A release flag used to release a new UI',
        name: 'UI Refresh',
      },
      banner: { name: 'Banner', attributes: { text: { constraints: { type: 'string' } } } },
    },
    values: {
      ui_refresh: {
        _variants: [
          {
            attributeValues: { dark_mode_support: true },
            enabled: true,
            name: 'QA',
            rule: '(ends_with $email "qa-testers.mycompany.com")',
          },
          {
            attributeValues: { dark_mode_support: true },
            enabled: true,
            name: 'Beta Testers',
            rule: '(exists key::"opted_in_to_beta")',
          },
          {
            attributeValues: { dark_mode_support: false },
            enabled: true,
            name: 'Sample Population',
            rule: '(split pct::10 by::$email)',
          },
          {
            attributeValues: { dark_mode_support: false },
            enabled: false,
            name: 'Default Variant',
          },
        ],
      },
      banner: { enabled: true, text: 'Hello' },
    },
    version: '1',
  };
}
