/**
 * Code that runs inside the board page, as plain JavaScript strings: tsx
 * (esbuild keepNames) wraps named functions of a TypeScript callback in a
 * helper the page does not have, so page code is written as source text.
 * All times are epoch milliseconds with sub-ms resolution
 * (performance.timeOrigin + performance.now()), comparable with Node's.
 */

/**
 * Installed before the page's own scripts (addInitScript): watches every
 * frame until the board is interactive: synced with the server, actor cards
 * in the DOM, none hidden (React Flow hides cards until measured), and the
 * count unchanged for 3 frames. window.__benchInteractive resolves with the
 * first of those frames' time since navigation start, and how many cards and
 * actors there were.
 */
export const WATCH_INTERACTIVE = `window.__benchInteractive = (async (timeoutMs) => {
  const deadline = performance.now() + timeoutMs;
  let lastCount = -1;
  let stableSince = null;
  let stableFrames = 0;
  for (;;) {
    if (performance.now() > deadline) throw new Error('board did not become interactive');
    await new Promise((r) => requestAnimationFrame(r));
    const p = window.__parley;
    const synced = !!(p && p.provider.synced);
    const cards = document.querySelectorAll('.react-flow__node');
    let hidden = 0;
    for (const c of cards) if (c.style.visibility === 'hidden') hidden += 1;
    const ready = synced && cards.length > 0 && hidden === 0;
    if (ready && cards.length === lastCount) {
      stableFrames += 1;
    } else {
      stableFrames = 0;
      stableSince = performance.now();
    }
    lastCount = cards.length;
    if (ready && stableFrames >= 3) {
      return { ms: stableSince, cards: cards.length, actors: p.doc.getMap('actors').size };
    }
  }
})(60000);
window.__benchInteractive.catch(() => {});`;

/** Resolves with the number of actor cards once the count has been steady (and none hidden) for 5 frames. */
export const WAIT_STEADY_CARDS = `(async (timeoutMs) => {
  const deadline = performance.now() + timeoutMs;
  let last = -1;
  let steady = 0;
  while (steady < 5) {
    if (performance.now() > deadline) throw new Error('the canvas kept changing');
    await new Promise((r) => requestAnimationFrame(r));
    const cards = document.querySelectorAll('.react-flow__node');
    let hidden = 0;
    for (const c of cards) if (c.style.visibility === 'hidden') hidden += 1;
    steady = cards.length === last && hidden === 0 ? steady + 1 : 0;
    last = cards.length;
  }
  return last;
})`;

/** Starts recording requestAnimationFrame deltas into window.__benchFrames. */
export const START_FRAMES = `(() => {
  const state = { deltas: [], last: null, on: true };
  window.__benchFrames = state;
  const tick = (t) => {
    if (!state.on) return;
    if (state.last !== null) state.deltas.push(t - state.last);
    state.last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** Stops recording and returns the frame deltas (ms). */
export const STOP_FRAMES = `(() => {
  const state = window.__benchFrames;
  state.on = false;
  return state.deltas;
})`;

/**
 * Actor cards inside the viewport (at most \`max\`), nearest the middle
 * first, each with a screen point where the card itself (not an edge or its
 * label drawn over it) receives the mouse.
 */
export const VISIBLE_ACTORS = `((max) => {
  const w = window.innerWidth;
  const h = window.innerHeight;
  const candidates = [];
  for (const el of document.querySelectorAll('[data-testid^="actor-"]')) {
    const r = el.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    if (cx < 80 || cy < 120 || cx > w - 80 || cy > h - 80) continue;
    candidates.push({ el, r, d: Math.hypot(cx - w / 2, cy - h / 2) });
  }
  candidates.sort((a, b) => a.d - b.d);
  const out = [];
  const spots = [[0.5, 0.5], [0.2, 0.25], [0.8, 0.25], [0.2, 0.75], [0.8, 0.75], [0.5, 0.15], [0.5, 0.85]];
  // Hit-testing is costly on a big board: test nearest cards first, stop at max.
  for (const { el, r, d } of candidates) {
    if (out.length >= max) break;
    for (const [fx, fy] of spots) {
      const x = r.left + r.width * fx;
      const y = r.top + r.height * fy;
      const hit = document.elementFromPoint(x, y);
      if (hit && el.contains(hit) && !hit.closest('.react-flow__handle')) {
        out.push({ id: el.dataset.testid.slice('actor-'.length), x, y, d });
        break;
      }
    }
  }
  return out;
})`;

/**
 * Arms a watcher for one actor card: resolves with the epoch time at which
 * the DOM first shows the expected label, or a card transform containing the
 * expected flow position. A MutationObserver sees the change as React commits it.
 */
export const WATCH_ACTOR = `((spec) => {
  const matches = () => {
    const card = document.querySelector('[data-testid="actor-' + spec.id + '"]');
    if (!card) return false;
    if (spec.label !== undefined) {
      const label = card.querySelector('[data-testid="node-label"]');
      return !!label && label.textContent === spec.label;
    }
    const node = card.closest('.react-flow__node');
    const m = node && /translate\\(([-\\d.e]+)px,\\s*([-\\d.e]+)px\\)/.exec(node.style.transform);
    return !!m && Math.abs(Number(m[1]) - spec.x) < 0.01 && Math.abs(Number(m[2]) - spec.y) < 0.01;
  };
  window.__benchWatch = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (matches()) {
        observer.disconnect();
        resolve(performance.timeOrigin + performance.now());
      }
    });
    observer.observe(document.querySelector('.react-flow__viewport') || document.body, {
      subtree: true, childList: true, attributes: true, characterData: true,
    });
    setTimeout(() => { observer.disconnect(); reject(new Error('the DOM never showed the change')); }, spec.timeoutMs);
  });
  return matches();
})`;

export const AWAIT_WATCH = '(() => window.__benchWatch)';
