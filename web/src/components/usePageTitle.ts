import { useEffect } from 'react';

/** Every page names itself in the browser's title bar and tab (WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Probity`;
  }, [title]);
}
