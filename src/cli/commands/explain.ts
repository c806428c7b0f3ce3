// `netpol explain <paths...> --from A --to B --port N`: whether one connection is allowed, and the policies
// and rules behind the answer.

import { explain } from '../../engine';
import { isPortNumber, MAX_PORT } from '../../engine/connectionSet';
import { PROTOCOLS, type Protocol } from '../../engine/types';
import { escapeLine } from '../../manifest/kubeValidation';
import { ANALYSIS_OPTION_SPECS, analysisOptions } from '../analysisOptions';
import { flagOption, type OptionSpec, stringOption } from '../args';
import { formatExplainJson, formatExplainTxt } from '../format';
import { EXPLAIN_HELP } from '../help';
import type { CliIo } from '../types';
import {
  EXIT_BAD_INPUT,
  exitStatus,
  loadManifests,
  printDiagnostics,
  readOptionsOf,
  startCommand,
  usageError,
  writeResult,
} from './common';

export const EXPLAIN_OPTIONS: OptionSpec[] = [
  { name: 'from', takesValue: true },
  { name: 'to', takesValue: true },
  { name: 'port', takesValue: true },
  { name: 'protocol', takesValue: true },
  { name: 'format', takesValue: true, values: ['txt', 'json'] },
  ...ANALYSIS_OPTION_SPECS,
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
  { name: 'help', short: 'h', takesValue: false },
];

/**
 * A port number 1-65535 in decimal, or a container port name (an IANA service name: lower-case letters, digits
 * and inner dashes, at most 15 characters, at least one letter) resolved against the destination; undefined
 * for anything else.
 */
export function parsePort(text: string): number | string | undefined {
  if (/^[0-9]+$/.test(text)) {
    const n = Number(text);
    return isPortNumber(n) ? n : undefined;
  }
  const name =
    /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(text) && /[a-z]/.test(text) && !text.includes('--');
  return name ? text : undefined;
}

/** TCP, UDP or SCTP in any letter case (people type `tcp`), or undefined. */
export function parseProtocol(text: string): Protocol | undefined {
  const upper = text.toUpperCase();
  return PROTOCOLS.find((p) => p === upper);
}

export function explainCommand(argv: readonly string[], io: CliIo): number {
  const args = startCommand(io, 'explain', argv, EXPLAIN_OPTIONS, EXPLAIN_HELP);
  if (typeof args === 'number') return args;
  const from = stringOption(args, 'from');
  if (from === undefined) return usageError(io, 'explain', '--from is required');
  const to = stringOption(args, 'to');
  if (to === undefined) return usageError(io, 'explain', '--to is required');
  const portText = stringOption(args, 'port');
  if (portText === undefined) return usageError(io, 'explain', '--port is required');
  const port = parsePort(portText);
  if (port === undefined)
    return usageError(
      io,
      'explain',
      `--port must be a number from 1 to ${MAX_PORT} or a container port name (got '${portText}')`,
    );
  const protocolText = stringOption(args, 'protocol') ?? 'TCP';
  const protocol = parseProtocol(protocolText);
  if (protocol === undefined) {
    return usageError(io, 'explain', `--protocol must be TCP, UDP or SCTP (got '${protocolText}')`);
  }

  const analysis = analysisOptions(args);
  if ('error' in analysis) return usageError(io, 'explain', analysis.error);

  const { manifests, diagnostics } = loadManifests(args.positionals, readOptionsOf(args));
  printDiagnostics(io, diagnostics, flagOption(args, 'verbose'));
  const verdict = explain(
    manifests.cluster,
    manifests.policies,
    { from, to, port, protocol },
    analysis.options,
  );
  if ('error' in verdict) {
    io.stderr(`netpol explain: error: ${escapeLine(verdict.error)}\n`);
    return EXIT_BAD_INPUT;
  }
  const text =
    stringOption(args, 'format') === 'json' ? formatExplainJson(verdict) : formatExplainTxt(verdict);
  if (!writeResult(io, text, stringOption(args, 'output'))) return EXIT_BAD_INPUT;
  return exitStatus(diagnostics);
}
