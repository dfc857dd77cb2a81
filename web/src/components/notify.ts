import { notifications } from '@mantine/notifications';

/** A short confirmation that something was saved (a polite live region, with a named close button). */
export function notifySaved(message: string): void {
  notifications.show({ message, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss message' } });
}
