import type { Channel } from '../../../../shared/domain/channels';
import { useClock } from '../../app/clock-store';
import { formatElapsed } from '../../i18n/format';
import { headOfficeNow, waitState, type WaitState } from './queue-model';
import { useQueue } from './queue-store';

/** A wait that ticks every second, in head office's time, and how it looks against the first-response target. */
export function useWait(channel: Channel, since: number | null): { state: WaitState; elapsed: string | null } {
  const now = useClock((s) => s.now);
  const skew = useQueue((s) => s.skew);
  const at = headOfficeNow(now, skew);
  return { state: waitState(channel, since, at), elapsed: since === null ? null : formatElapsed(at - since) };
}
