/**
 * What each role may do in its municipality. Viewers read (the worklist too, for front-desk and team
 * leads) but change nothing and download no personal data; caseworkers work cases, run campaigns
 * and screen data; admins also manage staff and read the audit log.
 */
import type { StaffRole } from '../db/schema.ts';

export const PERMISSIONS = {
  'worklist.view': ['admin', 'caseworker', 'viewer'],
  'case.edit': ['admin', 'caseworker'],
  'case.export': ['admin', 'caseworker'],
  'case.delete': ['admin', 'caseworker'],
  'campaign.view': ['admin', 'caseworker', 'viewer'],
  'campaign.edit': ['admin', 'caseworker'],
  'screening.use': ['admin', 'caseworker'],
  'dashboard.view': ['admin', 'caseworker', 'viewer'],
  'staff.manage': ['admin'],
  'audit.view': ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(user: { role: StaffRole } | undefined, permission: Permission): boolean {
  return user !== undefined && (PERMISSIONS[permission] as readonly StaffRole[]).includes(user.role);
}
