// The designer's side of the hostile-input corpus (issue 12): share links and saved documents, generated here
// (never committed as big files) and run by e2e/hostile.spec.ts. Manifest inputs are corpus.ts's CASES; the
// spec runs those through import and paste. Each case says what the page must say; every case also must not
// crash, blank or hang the page, nor lose a document the user had.
import { deflateSync, strToU8 } from 'fflate';
import { clusterManifest } from '../../bench/cluster';
import { emptyDoc } from '../../src/design/model';
import { applyOp } from '../../src/design/ops';
import { encodeShare, serializeDoc } from '../../src/design/persist';
import { shopDoc } from '../../src/design/testing/build';
import type { DesignDoc, DesignPolicy } from '../../src/design/types';

export interface LinkCase {
  readonly name: string;
  readonly item: number;
  /** The fragment after `#doc=`. */
  readonly link: () => string;
  /** What the notice or the import report says. */
  readonly message: RegExp;
  /** The link's document opens (with what the import refused left out), or the page keeps what it had. */
  readonly opens: boolean;
}

export interface StorageCase {
  readonly name: string;
  readonly item: number;
  /** The autosave an earlier visit left in localStorage (migrated to IndexedDB on load). */
  readonly saved: () => string;
  readonly message: RegExp;
}

/**
 * A saved document whose one policy has an unknown spec field `depth` arrays deep, as JSON text: written by
 * hand, since JSON.stringify itself overflows the stack at that depth.
 */
function deepExtrasJson(depth: number): string {
  const doc = withPolicy({ extras: { spec: { deep: 'DEEP' } } });
  return JSON.stringify({ format: 'netpol-designer', version: 1, doc }).replace(
    '"DEEP"',
    `${'['.repeat(depth)}"x"${']'.repeat(depth)}`,
  );
}

function withPolicy(spec: Partial<DesignPolicy>): DesignDoc {
  const doc = shopDoc();
  const policy: DesignPolicy = {
    name: 'db-in',
    namespace: 'shop',
    podSelector: { matchLabels: { app: 'database' } },
    policyTypes: ['Ingress'],
    ...spec,
  };
  return { ...doc, policies: [policy] };
}

const withHugeLabel = (): DesignDoc => {
  const doc = shopDoc();
  return {
    ...doc,
    workloads: doc.workloads.map((w, i) =>
      i === 0 ? { ...w, labels: { ...w.labels, team: 'x'.repeat(5_000_000) } } : w,
    ),
  };
};

/** The bytes of a saved document with `doc` replaced (shapes `serializeDoc` would never write). */
const rawSaved = (doc: unknown, version = 1) => JSON.stringify({ format: 'netpol-designer', version, doc });
const rawLink = (json: string) => Buffer.from(deflateSync(strToU8(json), { level: 9 })).toString('base64url');

export const LINK_CASES: readonly LinkCase[] = [
  {
    name: 'extras 10,000 levels deep',
    item: 3,
    link: () => rawLink(deepExtrasJson(10_000)),
    message: /extras\.spec\.deep cannot be kept: it is nested more than 64 levels deep/,
    opens: false,
  },
  {
    name: 'a label value of 5 MB',
    item: 3,
    link: () => encodeShare(withHugeLabel()),
    message: /shared link could not be opened: .*label value "x{60}…" \(5000000 characters\) is not valid/,
    opens: false,
  },
  {
    name: 'a bad CIDR',
    item: 7,
    link: () => encodeShare(withPolicy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.300/8' } }] }] })),
    message: /10\.0\.0\.300\/8/,
    opens: true,
  },
  {
    name: 'port 0',
    item: 7,
    link: () => encodeShare(withPolicy({ ingress: [{ ports: [{ protocol: 'TCP', port: 0 }] }] })),
    message: /port/,
    opens: true,
  },
  {
    name: 'port 70000',
    item: 7,
    link: () => encodeShare(withPolicy({ ingress: [{ ports: [{ protocol: 'TCP', port: 70000 }] }] })),
    message: /70000/,
    opens: true,
  },
  {
    name: 'endPort below port',
    item: 7,
    link: () =>
      encodeShare(withPolicy({ ingress: [{ ports: [{ protocol: 'TCP', port: 9000, endPort: 8000 }] }] })),
    message: /endPort/,
    opens: true,
  },
  {
    name: 'duplicate workloads',
    item: 7,
    link: () => {
      const doc = shopDoc();
      return encodeShare({ ...doc, workloads: [...doc.workloads, doc.workloads[0]] });
    },
    message: /defined again|same name/,
    opens: true,
  },
  {
    name: 'In with no values',
    item: 7,
    link: () =>
      encodeShare(
        withPolicy({
          ingress: [
            { from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } }] },
          ],
        }),
      ),
    message: /values/,
    opens: true,
  },
  {
    name: 'an invalid label key',
    item: 7,
    link: () => encodeShare(withPolicy({ podSelector: { matchLabels: { 'a/b/c': 'x' } } })),
    message: /policies\.yaml:\d+:\d+.*label key "a\/b\/c" is not valid/,
    // Read exactly as an import: the policy is skipped with its position in the import report, the rest opens.
    opens: true,
  },
  {
    name: 'an invalid label value',
    item: 7,
    link: () => encodeShare(withPolicy({ podSelector: { matchLabels: { app: 'bad value!' } } })),
    message: /policies\.yaml:\d+:\d+.*label value "bad value!" is not valid/,
    // Read exactly as an import: the policy is skipped with its position in the import report, the rest opens.
    opens: true,
  },
  {
    name: 'a link that inflates to 64 MB',
    item: 8,
    link: () =>
      Buffer.from(deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 1 })).toString('base64url'),
    message: /larger than 16 MB/,
    opens: false,
  },
  {
    name: 'garbage',
    item: 8,
    link: () => 'not!a*link',
    message: /damaged/,
    opens: false,
  },
  {
    name: 'JSON of the wrong shape',
    item: 3,
    link: () => rawLink(rawSaved({ namespaces: 'no' })),
    message: /damaged/,
    opens: false,
  },
];

/**
 * A large share link (item 9): the bench's real-size cluster of `workloads` Deployments in namespaces of about 33,
 * with their policies, as a designer document (about 90 KB of link at 3,000, 1.4 MB of JSON once inflated; reading
 * it, an import of its YAML, takes seconds).
 */
export function largeShareLink(workloads: number): string {
  const text = clusterManifest(workloads, Math.round(workloads / 33));
  return encodeShare(applyOp(emptyDoc(), 'importManifests', { files: [{ path: 'cluster.yaml', text }] }).doc);
}

export const STORAGE_CASES: readonly StorageCase[] = [
  { name: 'garbage', item: 5, saved: () => '\u0000garbage{', message: /not a saved design/ },
  {
    name: 'the wrong shape',
    item: 5,
    saved: () => rawSaved({ ...shopDoc(), workloads: [{ id: 1 }] }),
    message: /doc\.workloads\[0\]\.id should be a string/,
  },
  {
    name: 'a newer format version',
    item: 5,
    saved: () => rawSaved(shopDoc(), 2),
    message: /newer designer \(format version 2\)/,
  },
  {
    name: 'extras 10,000 levels deep',
    item: 3,
    saved: () => deepExtrasJson(10_000),
    message: /nested more than 64 levels deep/,
  },
  {
    name: 'a label value of 5 MB',
    item: 2,
    saved: () => serializeDoc(withHugeLabel()),
    message: /doc\.workloads\[0\]\.labels: label value "x{60}…" \(5000000 characters\) is not valid/,
  },
];
