// Where a streamed format writes: a function taking the next piece of text. `collect` gathers the pieces into
// one string, for tests and for answers small enough to hold.
export type Sink = (text: string) => void;

export function collect(write: (out: Sink) => void): string {
  const parts: string[] = [];
  write((t) => parts.push(t));
  return parts.join('');
}
