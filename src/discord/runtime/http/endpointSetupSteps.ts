import type { BotConfig } from '../../../config.ts';
import { HEALTH_PATH, INTERACTIONS_PATH } from './interactionEndpoint.ts';

/** The address to reach a server listening on `host` from the same machine: every interface includes loopback. */
export function localHost(host: string): string {
  return host === '0.0.0.0' ? '127.0.0.1' : host;
}

/**
 * What to do in the Developer Portal so Discord sends interactions to the endpoint, printed by
 * `deploy-commands` when `DISCORD_TRANSPORT=http`: Discord only accepts a public HTTPS URL that answers its
 * PING.
 */
export function endpointSetupSteps(
  config: Pick<BotConfig, 'DISCORD_APPLICATION_ID' | 'HTTP_HOST' | 'PORT'>,
): string {
  const local = `http://${localHost(config.HTTP_HOST)}:${config.PORT}`;
  return [
    'Interactions reach Dossier over HTTP (DISCORD_TRANSPORT=http). To point Discord at it:',
    `1. Give the endpoint a public HTTPS address: a reverse proxy or a tunnel to ${local}, e.g. https://dossier.example.org.`,
    `2. Start Dossier (npm start) and open https://dossier.example.org${HEALTH_PATH}: it says {"status":"ready"} once the corpus is loaded.`,
    `3. Open https://discord.com/developers/applications/${config.DISCORD_APPLICATION_ID}/information, set Interactions Endpoint URL to https://dossier.example.org${INTERACTIONS_PATH} and choose Save Changes. Discord sends a signed PING first; the URL is saved once Dossier answers it.`,
    '4. While that URL is set, Discord sends interactions only there, never over the gateway; clear it to go back to DISCORD_TRANSPORT=gateway.',
  ].join('\n');
}
