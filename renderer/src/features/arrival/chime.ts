/** Two soft tones (E5 then A5), short and quiet: enough to turn a head, never a ring. */
const TONES = [
  { hz: 659.25, at: 0, length: 0.16 },
  { hz: 880, at: 0.18, length: 0.22 },
] as const;
const VOLUME = 0.08;

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/**
 * Browsers start audio suspended until the user has interacted with the
 * page: call this from a click so the first chime is heard.
 */
export function unlockChime(): void {
  const ctx = audio();
  if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
}

/** Play the new-conversation chime, made on the spot with WebAudio (no sound file). */
export function playChime(): void {
  try {
    const ctx = audio();
    if (!ctx) return;
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.02;
    for (const tone of TONES) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = tone.hz;
      const t0 = start + tone.at;
      // A quick fade in and a long fade out: no clicks.
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(VOLUME, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + tone.length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + tone.length + 0.02);
    }
  } catch {
    // No sound device, or audio refused: the list still shows the new conversation.
  }
}
