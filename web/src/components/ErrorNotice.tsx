import { Alert, Text } from '@mantine/core';
import { ApiError } from '../api/client';

/** Words for an error that is not about one field, with the request id for a support call. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : 'Something went wrong.';
  switch (error.status) {
    case 403:
      return `You may not do this: ${error.message}.`;
    case 404:
      return 'Not found: it does not exist, or it is not one of your cases.';
    case 428:
      // The app always sends If-Match; reaching this is a bug in the app, not the user's doing.
      return 'The app could not save this change safely. Reload the page and try again.';
    case 503:
      return 'The server is busy. Try again in a moment.';
    default:
      return error.message.charAt(0).toUpperCase() + error.message.slice(1) + (/[.!?]$/.test(error.message) ? '' : '.');
  }
}

export function ErrorNotice({ error, title = 'That did not work' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert color="red" title={title} role="alert" variant="light">
      <Text size="sm">{describeError(error)}</Text>
      {requestId && <Text size="sm" mt={4}>Request id: <code>{requestId}</code></Text>}
    </Alert>
  );
}
