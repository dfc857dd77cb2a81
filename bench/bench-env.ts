/** Shared by the benchmark's processes. */
export const BENCH_USER = 'bench-reader';
export const BENCH_PASSWORD = 'bench-password-not-a-secret';
