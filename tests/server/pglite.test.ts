import { auditSuite } from './suites/audit-suite.js';
import { authSuite } from './suites/auth-suite.js';
import { liveSuite } from './suites/live-suite.js';
import { conversationSuite } from './suites/conversation-suite.js';
import { syncSuite } from './suites/sync-suite.js';
import { renewalSuite } from './suites/renewal-suite.js';
import { ticketSlaSuite } from './suites/ticket-sla-suite.js';
import { claimsSuite } from './suites/claims-suite.js';

/** Head office on its embedded default: PGlite in a data folder. */
authSuite('pglite');
syncSuite('pglite');
liveSuite('pglite');
conversationSuite('pglite');
auditSuite('pglite');
renewalSuite('pglite');
ticketSlaSuite('pglite');
claimsSuite('pglite');
