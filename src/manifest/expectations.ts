// Reads an expectations file for `netpol check`: a YAML list (or a mapping with an `expectations:` list) of
// `{from, to, port, protocol, allowed}`. `from`/`to` are an endpoint as `explain` reads it (`ns/name`,
// `ns/name[Kind]`, an IP address) or a selector mapping `{namespace | namespaceSelector, podSelector}`.
// Anything wrong becomes a diagnostic at the offending node, and that expectation is left out; unknown fields
// are errors too, since a misspelt field in a CI check would otherwise pass silently.

import { isPortNumber, MAX_PORT } from '../engine/connectionSet';
import { parseIp } from '../engine/ipRanges';
import type { EndpointPattern, Expectation, LabelSelector, Protocol } from '../engine/types';
import { escapeLine, UNSAFE_TEXT } from './kubeValidation';
import { readLabelSelector } from './labelSelector';
import { offsetToPos, pathKey } from './positions';
import { isMap, newReader, type Reader, readString, report, showValue, type YamlMap } from './reader';
import type { Diagnostic, ExpectationsFile, Origin, ParsedDocument, SourceFile, YamlPath } from './types';
import { loadYamlFile } from './yamlDocuments';

const FIELDS = new Set(['from', 'to', 'port', 'protocol', 'allowed']);
const SELECTOR_FIELDS = new Set(['namespace', 'namespaceSelector', 'podSelector']);
const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
// `ns/name` or `ns/name[Kind]`: DNS-style names, a Kind in CamelCase.
const WORKLOAD_REF =
  /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\[[A-Za-z][A-Za-z0-9]*\])?$/;

/** An IANA service name, as a container port name must be: at most 15 characters, a letter, no `--`. */
function isPortName(text: string): boolean {
  return /^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(text) && /[a-z]/.test(text) && !text.includes('--');
}

function originAt(doc: ParsedDocument, path: YamlPath): Origin {
  const offset = doc.valueOffsets.get(pathKey(path));
  const pos = offset === undefined ? doc.start : offsetToPos(doc.file, doc.lineStarts, offset);
  return { doc, path, pos };
}

export function readPattern(r: Reader, v: unknown, field: string): EndpointPattern | undefined {
  if (v === null || v === undefined) {
    report(r, [], 'error', `\`${field}\` is required`);
    return undefined;
  }
  if (typeof v === 'string') {
    const text = v.trim();
    if (parseIp(text) || WORKLOAD_REF.test(text)) return { kind: 'endpoint', text };
    report(
      r,
      [field],
      'error',
      `expected a workload as namespace/name or namespace/name[Kind], or an IP address, found ${showValue(v)}`,
    );
    return undefined;
  }
  if (!isMap(v)) {
    report(
      r,
      [field],
      'error',
      `expected an endpoint (a string) or a selector (a mapping), found ${showValue(v)}`,
    );
    return undefined;
  }
  return readSelectorPattern(r, v, field);
}

function readSelectorPattern(r: Reader, m: YamlMap, field: string): EndpointPattern | undefined {
  const before = r.errors;
  for (const k of Object.keys(m)) {
    if (!SELECTOR_FIELDS.has(k)) {
      report(
        r,
        [field, k],
        'error',
        `unknown field \`${k}\`; expected namespace, namespaceSelector or podSelector`,
        'key',
      );
    }
  }
  const namespace = readString(r, m.namespace, [field, 'namespace'], 'a namespace name');
  if (m.namespace !== undefined && m.namespaceSelector !== undefined) {
    report(r, [field], 'error', 'give `namespace` or `namespaceSelector`, not both');
  }
  let namespaceSelector: LabelSelector | undefined;
  if (m.namespaceSelector !== undefined) {
    namespaceSelector = readLabelSelector(
      r,
      m.namespaceSelector,
      [field, 'namespaceSelector'],
      'a namespace selector',
    );
  }
  let podSelector: LabelSelector | undefined;
  if (m.podSelector !== undefined) {
    podSelector = readLabelSelector(r, m.podSelector, [field, 'podSelector'], 'a pod selector');
  }
  if (r.errors > before) return undefined;
  return {
    kind: 'selector',
    ...(namespace !== undefined ? { namespace } : {}),
    ...(namespaceSelector ? { namespaceSelector } : {}),
    ...(podSelector ? { podSelector } : {}),
  };
}

function readPort(r: Reader, v: unknown): number | string | undefined {
  if (v === null || v === undefined) {
    report(r, [], 'error', '`port` is required');
    return undefined;
  }
  if (isPortNumber(v)) return v;
  if (typeof v === 'string' && isPortName(v)) return v;
  report(
    r,
    ['port'],
    'error',
    `expected a port number 1..${MAX_PORT} or a container port name, found ${showValue(v)}`,
  );
  return undefined;
}

function readProtocol(r: Reader, v: unknown): Protocol | undefined {
  if (v === null || v === undefined) return 'TCP';
  const upper = typeof v === 'string' ? v.toUpperCase() : '';
  const p = PROTOCOLS.find((x) => x === upper);
  if (!p) report(r, ['protocol'], 'error', `expected TCP, UDP or SCTP, found ${showValue(v)}`);
  return p;
}

function readAllowed(r: Reader, v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) report(r, [], 'error', '`allowed` is required (true or false)');
  else report(r, ['allowed'], 'error', `expected true or false, found ${showValue(v)}`);
  return undefined;
}

export function readExpectation(r: Reader, v: unknown): Expectation | undefined {
  if (!isMap(v)) {
    report(r, [], 'error', `expected a mapping {from, to, port, protocol, allowed}, found ${showValue(v)}`);
    return undefined;
  }
  for (const k of Object.keys(v)) {
    if (!FIELDS.has(k)) {
      report(r, [k], 'error', `unknown field \`${k}\`; expected from, to, port, protocol or allowed`, 'key');
    }
  }
  const from = readPattern(r, v.from, 'from');
  const to = readPattern(r, v.to, 'to');
  const port = readPort(r, v.port);
  const protocol = readProtocol(r, v.protocol);
  const allowed = readAllowed(r, v.allowed);
  // Selectors collect their unknown fields (`matchLabel`) rather than reporting them; here they are errors.
  for (const u of r.unknown) report(r, [], 'error', `unknown field \`${u}\``);
  if (r.errors > 0 || !from || !to || port === undefined || !protocol || allowed === undefined)
    return undefined;
  return { from, to, port, protocol, allowed };
}

function fileDiagnostic(
  doc: ParsedDocument,
  message: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  return { file: doc.file, line: doc.start.line, column: doc.start.column, severity, message };
}

export function parseExpectations(file: SourceFile): ExpectationsFile {
  const read = readExpectations(file);
  // Messages quote what they name, but keys reach some of them as written: escape what remains.
  return {
    expectations: read.expectations,
    diagnostics: read.diagnostics.map((d) =>
      UNSAFE_TEXT.test(d.message) ? { ...d, message: escapeLine(d.message) } : d,
    ),
  };
}

function readExpectations(file: SourceFile): ExpectationsFile {
  const loaded = loadYamlFile(file);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  const expectations: { expectation: Expectation; pos: Origin['pos'] }[] = [];
  const [first, ...rest] = loaded.documents;
  if (!first) {
    if (diagnostics.length === 0) {
      diagnostics.push({
        file: file.path,
        line: 1,
        column: 1,
        severity: 'error',
        message: 'no expectations in this file',
      });
    }
    return { expectations, diagnostics };
  }
  for (const extra of rest)
    diagnostics.push(
      fileDiagnostic(
        extra.doc,
        'an expectations file holds one YAML document; put every expectation in the first one (this one is not read)',
        'error',
      ),
    );

  const { value, doc } = first;
  let list: readonly unknown[];
  let base: YamlPath;
  if (Array.isArray(value)) {
    list = value;
    base = [];
  } else if (isMap(value) && Array.isArray(value.expectations)) {
    list = value.expectations;
    base = ['expectations'];
    const r = newReader(originAt(doc, []), 'expectations file', diagnostics);
    for (const k of Object.keys(value)) {
      if (k !== 'expectations') report(r, [k], 'warning', `unknown field \`${k}\` is ignored`, 'key');
    }
  } else {
    diagnostics.push(
      fileDiagnostic(doc, 'expected a list of expectations, or a mapping with an `expectations:` list'),
    );
    return { expectations, diagnostics };
  }
  list.forEach((item, i) => {
    const origin = originAt(doc, [...base, i]);
    const r = newReader(origin, `expectation ${i + 1}`, diagnostics, ' (skipped)');
    const expectation = readExpectation(r, item);
    if (expectation) expectations.push({ expectation, pos: origin.pos });
  });
  return { expectations, diagnostics };
}
