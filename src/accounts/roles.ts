import { z } from 'zod';

/**
 * The roles of DESIGN.md. A person may hold several. Least privilege: nobody but an admin manages
 * accounts, and the auditor only reads (routes that change anything never list it).
 */
export const roles = ['admin', 'privacy_officer', 'handler', 'auditor', 'engineer'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const roleNames: Record<Role, { ja: string; en: string }> = {
  admin: { ja: 'システム管理者', en: 'Administrator' },
  privacy_officer: { ja: '個人情報保護管理者', en: 'Privacy officer' },
  handler: { ja: '請求対応担当', en: 'Request handler' },
  auditor: { ja: '監査担当', en: 'Auditor' },
  engineer: { ja: 'エンジニア', en: 'Engineer' },
};
