/**
 * Moving between views without a page load: paths under the base (/app/arenden/…), followed through the browser's
 * back and forward buttons.
 */
import { type MouseEvent, useEffect, useState } from 'react';

/** The address of a path under the base, for an `href`. */
export const hrefOf = (path: string) => `${import.meta.env.BASE_URL}${path}`;

export function navigate(path: string) {
  window.history.pushState(null, '', hrefOf(path));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** A link's click handler that stays in the app (a modified click still opens a new tab as links do). */
export const follow = (path: string) => (e: MouseEvent<HTMLAnchorElement>) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
    return;
  }
  e.preventDefault();
  navigate(path);
};

/** The view's path under the base, following the browser's back and forward. */
const readPath = () => window.location.pathname.slice(import.meta.env.BASE_URL.length).replace(/\/$/, '');

export function usePath(): string {
  const [path, setPath] = useState(readPath);
  useEffect(() => {
    const update = () => setPath(readPath());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}
