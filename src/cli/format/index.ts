// The CLI's output formats: pure functions from the engine's answers to text.
export * from './csv';
export * from './dot';
export * from './explainJson';
export * from './explainTxt';
export * from './json';
export * from './md';
export * from './rows';
export * from './sink';
export * from './txt';
