import { benchColdStart } from './cold-start.js';
import { benchIpcRoundTrip } from './ipc-round-trip.js';
import { benchKnowledgeSearch } from './kb-search.js';
import { benchLongConversation } from './long-conversation.js';
import { benchInitialSync, benchOfflineReplay, benchPokeToVisible } from './sync.js';
import { benchLiveChat } from './live-chat.js';
import { benchWorkflows } from './workflows.js';

/**
 * `npm run bench`: one JSON line of figures. Goals (issue 2): kbSearchP95Ms
 * ≤ 5, coldStartMs ≤ 300, ipcRoundTripP50Ms ≤ 3, openLongConversationMs ≤ 150.
 * Sync (issue 3): initialSyncS ≤ 8, pokeToVisibleP95Ms ≤ 50, offlineReplayS ≤ 10,
 * lostOrDuplicated = 0. Live conversations (issue 4): messageDeliveryP95Ms ≤ 200,
 * routingDecisionP95Ms ≤ 10, liveConnectionsHeld ≥ 2,000. Workflows (issue 5):
 * slaDeadlineP95Us ≤ 500, auditAppendP95Ms ≤ 50, auditVerify10kMs ≤ 2,000.
 * `npm run bench -- sync` runs only the sync figures, `npm run bench -- initialSync` one of them, `-- liveChat` the live ones, `-- workflows` the issue-5 ones.
 * A benchmark, not a test: nothing here fails the build on a slow machine.
 */
const figures: Record<string, number | string> = {};
const step = async (name: string, fn: () => Promise<Record<string, number>> | Record<string, number>) => {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    Object.assign(figures, await fn());
  } catch (err) {
    figures[`${name}Error`] = err instanceof Error ? err.message : String(err);
  }
};
const only = process.argv[2];
if (!only) {
  await step('kbSearch', benchKnowledgeSearch);
  await step('coldStart', benchColdStart);
  await step('ipcRoundTrip', benchIpcRoundTrip);
  await step('openLongConversation', benchLongConversation);
}
const syncSteps = { offlineReplay: benchOfflineReplay, pokeToVisible: benchPokeToVisible, initialSync: benchInitialSync };
for (const [name, fn] of Object.entries(syncSteps)) if (!only || only === 'sync' || only === name) await step(name, fn);
if (!only || only === 'liveChat') await step('liveChat', benchLiveChat);
if (!only || only === 'workflows') await step('workflows', benchWorkflows);
console.log(JSON.stringify(figures));
