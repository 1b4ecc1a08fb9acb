/** What the console middleware (src/server/staff/guard.ts) puts on `Astro.locals`. */
import type { ConsoleUser } from './sessions.ts';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in member of staff, on console routes. */
      staff?: ConsoleUser | undefined;
      /** Set by a page that logged its own refusal, so the guard does not log it twice. */
      refusalLogged?: boolean | undefined;
    }
  }
}
