/**
 * The front page and an app's page, live: their figures (the element marked data-live="<seconds>") are fetched
 * again and replaced in place, never while the user is inside them or an operation is being followed; and the
 * Undeploy buttons work (after a confirmation), showing the operation's progress.
 */
import { progressRegion, undeploy } from './api.js';

let following = 0;

document.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('button[data-undeploy]');
  if (button === null) return;
  const appId = button.dataset['undeploy']!;
  const region = progressRegion(appId);
  if (region === null) return;
  following++;
  button.disabled = true;
  void undeploy(appId, region).finally(() => {
    following--;
    button.disabled = false;
    // The figures change with the operation, so they are fetched although the button still has the focus.
    void refresh(true);
  });
});

const live = document.querySelector<HTMLElement>('[data-live]');

async function refresh(force = false): Promise<void> {
  const idle = () => following === 0 && (force || !live!.contains(document.activeElement));
  if (live === null || !idle()) return;
  try {
    const response = await fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('[data-live]');
    // Open data tables stay open across a refresh.
    const open = new Set([...live.querySelectorAll('details[open] summary')].map((s) => s.textContent?.replace(/\(\d+ rows\)/, '')));
    if (fresh !== null && idle()) {
      live.replaceChildren(...fresh.childNodes);
      for (const summary of live.querySelectorAll('details summary')) if (open.has(summary.textContent?.replace(/\(\d+ rows\)/, ''))) summary.parentElement!.setAttribute('open', '');
    }
  } catch {
    // The server is away for a moment: the page keeps what it shows and tries again.
  }
}

if (live !== null) setInterval(() => void refresh(), Number(live.dataset['live']) * 1000);
