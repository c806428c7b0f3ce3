// The CLI as a library: `run` for in-process use (tests, other tools).
export { run } from './run';
export type { CliDiagnostic, CliIo } from './types';
