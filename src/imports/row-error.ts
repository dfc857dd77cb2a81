/** A row that cannot be imported; the message says why, in words. */
export class RowError extends Error {}
