/** Queue names and their jobs. Jobs carry ids, never personal data: the handler loads the record. */
export const QUEUES = {
  /** Send one message from the `messages` table. */
  send: 'mail-send',
  /** Delete what is past its retention (daily). */
  purge: 'retention-purge',
  /** Check residents who asked for it again after the rules changed. */
  rescreen: 'rescreen',
  /** A reminder for a request that is not confirmed yet. */
  reminder: 'confirm-reminder',
  /** Turn a campaign into messages (staff console). */
  campaign: 'campaign-dispatch',
  /** Screen an uploaded file of municipal households (staff console). */
  screening: 'screening-run',
  /** Open cases for newly confirmed contact requests, so the take-up figures stay current. */
  worklist: 'worklist-sync',
} as const;

export interface SendJob {
  message: string;
}
export interface ReminderJob {
  request: string;
}
export interface CampaignJob {
  campaign: string;
  /** The campaign's generation when the job was made; see src/server/campaigns/dispatch.ts. */
  generation: number;
}
export interface ScreeningJob {
  import: string;
}
