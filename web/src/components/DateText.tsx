const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
// A calendar day (YYYY-MM-DD) is the same day everywhere: formatted as UTC so it never shifts.
const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day or an instant in words, in Europe/London time. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (DAY.test(value)) return day.format(new Date(`${value}T00:00:00Z`));
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? value : dateTime.format(instant);
}

export function DateText({ value }: { value: string | null | undefined }) {
  if (!value) return <span>—</span>;
  return <time dateTime={value}>{formatDate(value)}</time>;
}
