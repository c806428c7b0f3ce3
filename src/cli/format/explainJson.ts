// The explain command's json format: the engine's Verdict as it is, 2-space indented. IP range bounds are
// bigints, which JSON cannot hold; they are written as decimal strings (exact for IPv6 too).
import type { Verdict } from '../../engine/types';

function replaceBigint(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export function formatExplainJson(v: Verdict): string {
  return `${JSON.stringify(v, replaceBigint, 2)}\n`;
}
