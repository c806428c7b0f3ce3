// Addresses outside the cluster, as observed traffic names them, aggregated to CIDR blocks of a prefix length the
// user picks (per family): the one rule behind `netpol generate --from-flows --ipv4-prefix/--ipv6-prefix` (the
// ipBlocks it writes) and the designer's "add outside addresses as external nodes", so both name the same blocks.
import { familyMax, formatIp } from '../ipRanges';

export interface OutsidePrefixes {
  /** Prefix length for outside IPv4 addresses (default 32: each address alone). */
  readonly ipv4Prefix?: number;
  /** Prefix length for outside IPv6 addresses (default 128). */
  readonly ipv6Prefix?: number;
}

/** The longest prefix of each family. */
export const MAX_PREFIX: Readonly<Record<4 | 6, number>> = { 4: 32, 6: 128 };

/** A CIDR holding `value`, with `prefix` bits kept. */
export function cidrOf(family: 4 | 6, value: bigint, prefix: number): string {
  const bits = MAX_PREFIX[family];
  const p = Math.max(0, Math.min(bits, Math.floor(prefix)));
  const hostMask = (1n << BigInt(bits - p)) - 1n;
  return `${formatIp(family, value & ~hostMask & familyMax(family))}/${p}`;
}

/** The block an outside address is aggregated to, at its family's prefix length. */
export function outsideCidr(
  address: { readonly family: 4 | 6; readonly value: bigint },
  prefixes: OutsidePrefixes,
): string {
  const prefix =
    address.family === 4 ? (prefixes.ipv4Prefix ?? MAX_PREFIX[4]) : (prefixes.ipv6Prefix ?? MAX_PREFIX[6]);
  return cidrOf(address.family, address.value, prefix);
}

/**
 * Reads a prefix length as typed (a command-line value, a form field): decimal digits only, from 0 to the
 * family's longest prefix. Anything else — a sign, a fraction, spaces, `1e1`, an empty text — is refused with
 * the reason, never clamped.
 */
export function parsePrefixLength(text: string, family: 4 | 6): number | { readonly error: string } {
  const max = MAX_PREFIX[family];
  if (!/^\d{1,3}$/.test(text) || Number(text) > max)
    return {
      error: `must be a prefix length from 0 to ${max}, got ${JSON.stringify(text.slice(0, 20))}`,
    };
  return Number(text);
}
