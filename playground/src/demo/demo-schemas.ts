/**
 * What the demo app expects of its three profiles. The flag types feed `createAppConfigHooks`
 * (types only); the Settings schema is checked at run time by `useConfiguration({ schema })`, so
 * a bad deployment keeps the last good settings and shows the error.
 */
import { z } from 'zod';

export const DemoFlags = z.object({
  darkMode: z.object({
    enabled: z.boolean(),
    defaultTheme: z.enum(['light', 'dark', 'system']).optional(),
  }),
  checkoutV2: z.object({
    enabled: z.boolean(),
    maxItems: z.number().optional(),
    expressPayment: z.boolean().optional(),
  }),
  betaBanner: z.object({ enabled: z.boolean() }),
  // Multi-variant: `_variant` says which variant the user's context took.
  recommendations: z.object({
    enabled: z.boolean(),
    _variant: z.string().optional(),
    layout: z.enum(['carousel', 'grid']).optional(),
  }),
});

export const AccessListFlags = z.object({
  accessList: z.object({
    enabled: z.boolean(),
    allowedUsers: z.array(z.string()).optional(),
    mode: z.enum(['allow', 'deny']).optional(),
  }),
});

export const Settings = z.object({
  banner: z
    .object({ text: z.string().min(1), tone: z.enum(['info', 'success', 'warning']) })
    .optional(),
  theme: z.enum(['light', 'dark']),
  maxItems: z.number().int().positive(),
  supportEmail: z.email(),
});

export type SettingsValue = z.infer<typeof Settings>;
