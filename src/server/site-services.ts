/** The server's services for pages and endpoints, with the rulebook built into the site. */
import { services } from './app.ts';
import { getRulebook } from './rulebook.ts';
import type { Services } from './services.ts';

export function getServices(): Promise<Services> {
  return services(getRulebook());
}
