import { ClockCircleOutlined } from '@ant-design/icons';
import type { WaitState } from './queue-model';

/** A running wait: grey, amber from two thirds of the target, red past it. */
export function QueueTimer({ state, elapsed, label }: { state: WaitState; elapsed: string; label: string }) {
  return (
    <span className={`response-timer timer-${state}`} data-testid="queue-timer" data-state={state} title={label} aria-label={label}>
      <ClockCircleOutlined />
      {elapsed}
    </span>
  );
}
