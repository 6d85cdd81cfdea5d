/**
 * Flags decided on the server with Vercel's Flags SDK (`flags/next`), through its OpenFeature
 * adapter over appconfig-react's OpenFeature server provider. The provider holds one AppConfig
 * session for this server process and polls it in the background; each `await summerSale()`
 * reads the configuration it holds, so a page render never waits for AppConfig.
 */
import { createOpenFeatureAdapter } from '@flags-sdk/openfeature';
import { OpenFeature } from '@openfeature/server-sdk';
import { AppConfigServerProvider } from 'appconfig-react/openfeature/server';
import { flag } from 'flags/next';
import { FLAGS } from './appconfig-ids';
import { SERVER_ENDPOINT, appConfigFetch } from './appconfig-service';

/** The OpenFeature domain of this provider, so it does not replace another default provider. */
const DOMAIN = 'appconfig';

const openFeature = createOpenFeatureAdapter(async () => {
  await OpenFeature.setProviderAndWait(
    DOMAIN,
    new AppConfigServerProvider({ endpoint: SERVER_ENDPOINT, fetch: appConfigFetch, ...FLAGS }),
  ).catch((error: unknown) => {
    // The adapter keeps this promise for good: resolve anyway, so flags answer their default
    // value (reason ERROR, PROVIDER_NOT_READY) while the provider retries, then AppConfig's.
    console.error('AppConfig provider not ready yet:', error);
  });
  return OpenFeature.getClient(DOMAIN);
});

/** Whether the summer sale is on: the `enabled` of AppConfig flag `summerSale`. */
export const summerSale = flag<boolean>({
  key: 'summerSale',
  description: 'Summer sale banner, decided on the server.',
  adapter: openFeature.booleanValue(),
  defaultValue: false,
});

/** The sale's discount in percent: attribute `discount` of flag `summerSale` (0 while it is off). */
export const summerSaleDiscount = flag<number>({
  key: 'summerSale.discount',
  description: 'Percentage off during the summer sale.',
  adapter: openFeature.numberValue(),
  defaultValue: 0,
});
