import { useRef } from 'react';

/**
 * A dialog that is unmounted on close cannot hand focus back itself: `remember()` when opening
 * notes the control that opened it, `restore()` on close puts keyboard focus back there (WCAG 2.4.3).
 */
export function useReturnFocus(): { remember(): void; restore(): void } {
  const opener = useRef<HTMLElement | null>(null);
  return {
    remember() {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    restore() {
      const element = opener.current;
      opener.current = null;
      // After the dialog's own focus handling has finished.
      requestAnimationFrame(() => { if (element?.isConnected) element.focus(); });
    },
  };
}
