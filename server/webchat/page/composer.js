// The composer: text (Enter sends, Shift+Enter breaks the line), pictures
// and the customer's location. Everything head office would refuse is
// caught here first, with a message the customer understands.

const MAX_MESSAGE_CHARS = 2000;
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const TYPING_EVERY_MS = 2000;
const COUNTER_FROM = MAX_MESSAGE_CHARS - 200;

// The same cleaning head office applies (shared/contract/text.ts), so the length checked here is the one it checks.
const STRIPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const INVISIBLE = /[\s\p{M}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800\u3164\u115f\u1160\uffa0]/gu;

const round6 = (x) => Math.round(x * 1e6) / 1e6;

/**
 * What the picture's first bytes say it is. Head office checks the bytes
 * against the content type, and a file's own type only follows its name
 * (a PNG saved as .jpg would be refused after uploading).
 */
async function sniffImage(file) {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const ascii = (from, to) => String.fromCharCode(...b.subarray(from, to));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Longest side of a picture sent smaller; plenty to read a plate or see a dent. */
const SHRINK_TO_PX = 2048;

/** The picture as a JPEG no larger than SHRINK_TO_PX on its longest side and under the size limit, or null if it cannot be. */
async function shrink(file) {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, SHRINK_TO_PX / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    for (const quality of [0.85, 0.7, 0.5]) {
      const blob = await new Promise((ok) => canvas.toBlob(ok, 'image/jpeg', quality));
      if (blob && blob.size <= MAX_IMAGE_BYTES) return blob;
    }
  } catch {
    // A picture the browser cannot draw: refused below, as before.
  }
  return null;
}

/**
 * @param {{
 *   input: HTMLTextAreaElement, send: HTMLButtonElement, counter: HTMLElement,
 *   imageButton: HTMLButtonElement, imageInput: HTMLInputElement, locationButton: HTMLButtonElement,
 *   enqueue: (content: object) => void,
 *   typing: () => boolean,
 *   onError: (key: string, vars?: object) => void, clearError: () => void,
 * }} deps
 */
export function createComposer({ input, send, counter, imageButton, imageInput, locationButton, enqueue, typing, onError, clearError }) {
  let typingSentAt = 0;

  function fit() {
    // Grow with the text up to the CSS max-height, then scroll (CSSOM writes are allowed by the CSP; style attributes are not).
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight}px`;
  }

  function count() {
    const n = input.value.replace(STRIPPED, '').trim().length;
    counter.hidden = n < COUNTER_FROM;
    counter.textContent = `${n}/${MAX_MESSAGE_CHARS}`;
    counter.classList.toggle('over', n > MAX_MESSAGE_CHARS);
  }

  function sendText() {
    const text = input.value.replace(STRIPPED, '').trim();
    if (!text.replace(INVISIBLE, '')) return;
    if (text.length > MAX_MESSAGE_CHARS) {
      onError('errTextTooLong', { max: MAX_MESSAGE_CHARS, n: text.length });
      return;
    }
    clearError();
    enqueue({ kind: 'text', text });
    input.value = '';
    fit();
    count();
  }

  input.addEventListener('keydown', (e) => {
    // isComposing / 229: Enter that confirms a pinyin candidate must not send.
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    sendText();
  });
  input.addEventListener('input', () => {
    fit();
    count();
    const now = Date.now();
    if (input.value.trim() && now - typingSentAt >= TYPING_EVERY_MS && typing()) typingSentAt = now;
  });
  send.addEventListener('click', () => {
    sendText();
    input.focus();
  });

  imageButton.addEventListener('click', () => imageInput.click());
  imageInput.addEventListener('change', async () => {
    const file = imageInput.files?.[0];
    imageInput.value = ''; // the same picture can be chosen again
    if (!file) return;
    const type = await sniffImage(file);
    if (!type) return onError('errImageType');
    clearError();
    if (file.size <= MAX_IMAGE_BYTES) return enqueue({ kind: 'image', file, type });
    // A phone's photo of the damage is often 3–5 MB: send it smaller rather than refuse it.
    const smaller = type === 'image/gif' ? null : await shrink(file);
    if (!smaller) return onError('errImageTooLarge');
    enqueue({ kind: 'image', file: smaller, type: 'image/jpeg' });
  });

  locationButton.addEventListener('click', () => {
    clearError();
    if (!('geolocation' in navigator)) return onError('errGeoUnsupported');
    locationButton.disabled = true;
    locationButton.setAttribute('aria-busy', 'true');
    const done = () => {
      locationButton.disabled = false;
      locationButton.removeAttribute('aria-busy');
    };
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        done();
        enqueue({ kind: 'location', location: { latitude: round6(pos.coords.latitude), longitude: round6(pos.coords.longitude) } });
      },
      (err) => {
        done();
        onError(err.code === 1 ? 'errGeoDenied' : 'errGeoUnavailable');
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  });

  count();
}
