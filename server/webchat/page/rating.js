// The rating card: every ended conversation invites one (ratingOpenFor).
// Stars are real buttons (Tab, Enter/Space, and the arrow keys move the score).

import { t } from './i18n.js';
import { h } from './view.js';

/**
 * @param {{
 *   api: ReturnType<import('./api.js').createApi>,
 *   card: HTMLElement, stars: HTMLElement, comment: HTMLTextAreaElement,
 *   submit: HTMLButtonElement, thanks: HTMLElement,
 *   onError: (key: string) => void, clearError: () => void,
 * }} deps
 */
export function createRating({ api, card, stars, comment, submit, thanks, onError, clearError }) {
  let openFor = null;
  let score = 0;
  /** Rated here: a live state sent before head office took the rating must not bring the card back. */
  const rated = new Set();
  /** The thanks stay until the customer's next conversation starts. */
  let thanksWhile = undefined;
  let current = null;

  const buttons = [1, 2, 3, 4, 5].map((n) =>
    h(
      'button',
      { type: 'button', class: 'star', testid: `webchat-star-${n}`, 'aria-pressed': 'false', 'aria-label': t('ratingStar', { n, label: t(`rating.${n}`) }), title: t(`rating.${n}`) },
      '★',
    ),
  );
  stars.append(...buttons);

  function choose(n) {
    score = n;
    buttons.forEach((b, i) => {
      b.classList.toggle('on', i < n);
      b.setAttribute('aria-pressed', String(i + 1 === n));
    });
  }

  buttons.forEach((b, i) => {
    b.addEventListener('click', () => choose(i + 1));
    b.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      const n = Math.min(5, Math.max(1, (score || i + 1) + step));
      choose(n);
      buttons[n - 1].focus();
    });
  });

  function show() {
    card.hidden = !openFor;
    thanks.hidden = Boolean(openFor) || thanksWhile === undefined || current?.conversationId !== thanksWhile;
  }

  submit.addEventListener('click', async () => {
    clearError();
    if (!openFor) return;
    if (!score) {
      onError('errRatingScore');
      return;
    }
    const conversationId = openFor;
    const text = comment.value.trim();
    submit.disabled = true;
    try {
      await api.rate({ conversationId, score, ...(text ? { comment: text } : {}) });
    } catch (e) {
      // CONFLICT: already rated (from another tab, or a retry after a lost answer): the customer is done either way.
      if (e.code !== 'CONFLICT') {
        onError('errRating');
        submit.disabled = false;
        return;
      }
    }
    submit.disabled = false;
    rated.add(conversationId);
    thanksWhile = current?.conversationId ?? null;
    openFor = null;
    show();
    thanks.focus();
  });

  return {
    /** Follows the view: a new ratingOpenFor opens a fresh card. */
    update(view) {
      current = view;
      const want = view.ratingOpenFor && !rated.has(view.ratingOpenFor) ? view.ratingOpenFor : null;
      if (want !== openFor) {
        openFor = want;
        choose(0);
        comment.value = '';
      }
      show();
    },
  };
}
