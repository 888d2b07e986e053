import { describe, it } from 'vitest';
import { TEST_PG_URL } from '../support/head-office-process.js';
import { auditSuite } from './suites/audit-suite.js';
import { authSuite } from './suites/auth-suite.js';
import { liveSuite } from './suites/live-suite.js';
import { conversationSuite } from './suites/conversation-suite.js';
import { syncSuite } from './suites/sync-suite.js';
import { renewalSuite } from './suites/renewal-suite.js';
import { ticketSlaSuite } from './suites/ticket-sla-suite.js';
import { claimsSuite } from './suites/claims-suite.js';

/**
 * The same suites on a PostgreSQL server (one SQL dialect). `.ci/setup`
 * installs and starts Debian's PostgreSQL and sets MOTORDESK_TEST_PG_URL;
 * without it these are reported as skipped.
 */
if (TEST_PG_URL) {
  authSuite('postgres');
  syncSuite('postgres');
  liveSuite('postgres');
  conversationSuite('postgres');
  auditSuite('postgres');
  renewalSuite('postgres');
  ticketSlaSuite('postgres');
  claimsSuite('postgres');
} else {
  describe('head office on PostgreSQL', () => {
    it.skip('needs MOTORDESK_TEST_PG_URL (bash .ci/setup run test starts a PostgreSQL server)', () => undefined);
  });
}
