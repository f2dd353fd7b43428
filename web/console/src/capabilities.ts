import type { MessageKey } from './i18n/dict';

export type Role = 'admin' | 'privacy_officer' | 'handler' | 'auditor' | 'engineer';
export type PageId =
  | 'dashboard'
  | 'register'
  | 'notices'
  | 'requests'
  | 'consent'
  | 'retention'
  | 'anonymize'
  | 'discovery'
  | 'audit'
  | 'accounts';

interface PageAccess {
  label: MessageKey;
  /** Roles whose menu shows the page: those the API lets read what the page shows. */
  read: readonly Role[];
  /** Roles that may change what the page shows; others see it read-only. */
  write: readonly Role[];
}

/**
 * The console's menu mirrors the API's access rules (register.routes.ts, notice.routes.ts, rights.routes.ts,
 * consent.routes.ts, retention.routes.ts, audit.routes.ts, accounts.routes.ts). The server stays the
 * authority: hiding a button is a courtesy, the route refuses all the same.
 */
export const PAGES: Record<PageId, PageAccess> = {
  dashboard: {
    label: 'page.dashboard',
    read: ['admin', 'privacy_officer', 'handler', 'auditor', 'engineer'],
    write: [],
  },
  register: {
    label: 'page.register',
    read: ['privacy_officer', 'engineer', 'handler', 'auditor', 'admin'],
    write: ['privacy_officer', 'engineer', 'admin'],
  },
  notices: {
    label: 'page.notices',
    read: ['privacy_officer', 'engineer', 'handler', 'auditor', 'admin'],
    write: ['privacy_officer', 'admin'],
  },
  requests: {
    label: 'page.requests',
    read: ['handler', 'privacy_officer', 'auditor'],
    write: ['handler', 'privacy_officer'],
  },
  consent: {
    label: 'page.consent',
    read: ['privacy_officer', 'handler', 'auditor', 'admin'],
    write: ['privacy_officer', 'handler', 'admin'],
  },
  retention: {
    label: 'page.retention',
    read: ['admin', 'privacy_officer', 'auditor'],
    write: ['privacy_officer'],
  },
  anonymize: {
    label: 'page.anonymize',
    read: ['privacy_officer', 'engineer', 'auditor'],
    write: ['privacy_officer', 'engineer'],
  },
  discovery: {
    label: 'page.discovery',
    read: ['privacy_officer', 'engineer', 'auditor'],
    write: ['privacy_officer', 'engineer'],
  },
  audit: { label: 'page.audit', read: ['admin', 'privacy_officer', 'auditor'], write: [] },
  accounts: {
    label: 'page.accounts',
    read: ['admin', 'privacy_officer', 'handler', 'auditor', 'engineer'],
    write: ['admin'],
  },
};

export const PAGE_ORDER: readonly PageId[] = [
  'dashboard',
  'register',
  'notices',
  'requests',
  'consent',
  'retention',
  'anonymize',
  'discovery',
  'audit',
  'accounts',
];

export const canRead = (roles: readonly Role[], page: PageId) =>
  roles.some((r) => PAGES[page].read.includes(r));
export const canWrite = (roles: readonly Role[], page: PageId) =>
  roles.some((r) => PAGES[page].write.includes(r));
/** Only an administrator manages accounts; everyone sees their own tokens and sessions. */
export const isAdmin = (roles: readonly Role[]) => roles.includes('admin');
/** Creating API tokens is refused to the read-only auditor (accounts.routes.ts). */
export const canCreateTokens = (roles: readonly Role[]) => roles.some((r) => r !== 'auditor');
