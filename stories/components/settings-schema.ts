/** The free-form configuration the configuration stories read, and its zod schema. */
import { z } from 'zod';

export const Settings = z.object({
  theme: z.enum(['light', 'dark']),
  maxItems: z.number().int().positive(),
  banner: z.string().optional(),
});

export type SettingsValue = z.infer<typeof Settings>;
