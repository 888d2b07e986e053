import { authSuite } from './suites/auth-suite.js';
import { liveSuite } from './suites/live-suite.js';
import { conversationSuite } from './suites/conversation-suite.js';
import { syncSuite } from './suites/sync-suite.js';

/** Head office on its embedded default: PGlite in a data folder. */
authSuite('pglite');
syncSuite('pglite');
liveSuite('pglite');
conversationSuite('pglite');
