/** Shared by the benchmark's processes. */
export const BENCH_USER = 'bench-reader';
export const BENCH_PASSWORD = 'bench-password-not-a-secret';
/** Opens the reference-size case the browser timings look at. */
export const BENCH_INVESTIGATOR = 'bench-investigator';
