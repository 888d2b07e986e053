import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  canonicalEntryText,
  entryHash,
  GENESIS_HASH,
  isAuditAction,
  verifyChain,
  type AuditEntry,
  type AuditEntryContent,
} from '../../../shared/domain/audit-chain.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const OFFICE = '6f1c2a9e-0000-4000-8000-000000000001';

/** A chain of n entries built the way head office appends them. */
function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content: AuditEntryContent = {
      seq,
      at: new Date(Date.UTC(2026, 2, 1, 8, 0, seq, seq)).toISOString(),
      officeId: OFFICE,
      actorId: `0000000${seq}-aaaa-4000-8000-000000000000`,
      actorLogin: `agent${seq}`,
      action: seq % 2 ? 'verification.attempt' : 'pii.reveal',
      subjectType: 'customer',
      subjectId: `c-${seq}`,
      detail: { conversationId: `conv-${seq}`, outcome: { passed: seq % 3 === 0, method: 'id_last4' } },
    };
    const hash = entryHash(prev, content, sha256);
    entries.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

describe('the audit chain (审计日志)', () => {
  it('verifies an intact chain, and an empty one', () => {
    expect(verifyChain(chain(6), sha256)).toMatchObject({ checked: 6, brokenAt: null });
    expect(verifyChain([], sha256)).toMatchObject({ checked: 0, brokenAt: null });
  });

  it('continues from where the previous page stopped', () => {
    const all = chain(7);
    const first = verifyChain(all.slice(0, 4), sha256);
    expect(first.position).toEqual({ lastSeq: 4, lastHash: all[3]!.hash });
    expect(verifyChain(all.slice(4), sha256, first.position)).toMatchObject({ checked: 3, brokenAt: null });
    // A page that does not follow the previous one is a break.
    expect(verifyChain(all.slice(5), sha256, first.position).brokenAt).toBe(5);
  });

  it('shows an edited detail at that entry', () => {
    const entries = chain(6);
    entries[2] = { ...entries[2]!, detail: { ...entries[2]!.detail, conversationId: 'conv-other' } };
    expect(verifyChain(entries, sha256)).toMatchObject({ checked: 2, brokenAt: 3 });
  });

  it('shows a nested detail change, but not a change of key order', () => {
    const edited = chain(4);
    edited[1] = { ...edited[1]!, detail: { conversationId: 'conv-2', outcome: { passed: true, method: 'id_last4' } } };
    expect(verifyChain(edited, sha256).brokenAt).toBe(2);
    const reordered = chain(4);
    reordered[1] = { ...reordered[1]!, detail: { outcome: { method: 'id_last4', passed: false }, conversationId: 'conv-2' } };
    expect(verifyChain(reordered, sha256).brokenAt).toBeNull();
  });

  it('shows a changed actor, action, subject or time at that entry', () => {
    const changes: Partial<AuditEntry>[] = [
      { actorLogin: 'someone-else' },
      { actorId: null },
      { action: 'policy.view' },
      { subjectId: 'c-99' },
      { officeId: null },
      { at: '2026-03-01T08:00:05.006Z' },
    ];
    for (const change of changes) {
      const entries = chain(5);
      entries[3] = { ...entries[3]!, ...change };
      expect(verifyChain(entries, sha256).brokenAt, JSON.stringify(change)).toBe(4);
    }
  });

  it('shows an edited entry whose hash was recomputed at the next entry', () => {
    const entries = chain(5);
    const forged = { ...entries[1]!, actorLogin: 'cover-up' };
    entries[1] = { ...forged, hash: entryHash(forged.prevHash, forged, sha256) };
    expect(verifyChain(entries, sha256).brokenAt).toBe(3);
  });

  it('shows a deleted entry at its seq', () => {
    const entries = chain(6);
    entries.splice(3, 1);
    expect(verifyChain(entries, sha256)).toMatchObject({ checked: 3, brokenAt: 4 });
    // Even with the seq numbers closed up, the link to the entry before does not match.
    const renumbered = chain(6);
    renumbered.splice(3, 1);
    for (let i = 3; i < renumbered.length; i++) renumbered[i] = { ...renumbered[i]!, seq: i + 1 };
    expect(verifyChain(renumbered, sha256).brokenAt).toBe(4);
  });

  it('shows swapped entries at the first of them, whether or not their seq numbers were swapped too', () => {
    const entries = chain(6);
    [entries[2], entries[3]] = [entries[3]!, entries[2]!];
    expect(verifyChain(entries, sha256).brokenAt).toBe(3);
    const renumbered = chain(6);
    const a = renumbered[2]!;
    const b = renumbered[3]!;
    renumbered[2] = { ...b, seq: 3 };
    renumbered[3] = { ...a, seq: 4 };
    expect(verifyChain(renumbered, sha256).brokenAt).toBe(3);
  });

  it('shows a first entry that does not start from the genesis hash', () => {
    const entries = chain(3);
    entries[0] = { ...entries[0]!, prevHash: 'f'.repeat(64) };
    expect(verifyChain(entries, sha256).brokenAt).toBe(1);
  });

  it('writes the same text whatever the order of detail keys, with fields in a fixed order', () => {
    const base = chain(1)[0]!;
    const text = canonicalEntryText({ ...base, detail: { b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } } });
    expect(text).toBe(
      `[1,"${base.at}","${OFFICE}","${base.actorId}","agent1","verification.attempt","customer","c-1",{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}]`,
    );
    expect(canonicalEntryText({ ...base, detail: { a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 } })).toBe(text);
  });

  it('refuses a time without milliseconds in UTC, and a detail that is not plain JSON', () => {
    const base = chain(1)[0]!;
    expect(() => canonicalEntryText({ ...base, at: '2026-03-01T08:00:00Z' })).toThrow(/milliseconds/);
    expect(() => canonicalEntryText({ ...base, at: '2026-03-01T16:00:00.000+08:00' })).toThrow(/milliseconds/);
    expect(() => canonicalEntryText({ ...base, detail: { n: Number.NaN } })).toThrow(/finite/);
  });

  it('knows the actions the workflows record', () => {
    for (const a of ['verification.attempt', 'verification.locked', 'pii.reveal', 'audit.export', 'ticket.owner', 'ticket.level']) expect(isAuditAction(a)).toBe(true);
    expect(isAuditAction('made.up')).toBe(false);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
});
