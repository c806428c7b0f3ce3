// Test documents for the lint: the three-tier example as loaded from the Examples menu, and the same with
// its DNS edge removed (the classic missing-dns-egress mistake).
import { deriveEdges } from '../edges';
import { examples } from '../examples';
import { emptyDoc } from '../model';
import { disconnect, importManifests } from '../ops';
import type { DesignDoc } from '../types';

export function threeTier(): DesignDoc {
  const ex = examples.find((e) => e.id === 'three-tier')!;
  return importManifests.perform(emptyDoc(), { files: [{ path: 'three-tier.yaml', text: ex.yaml }] }).doc;
}

/** The three-tier example with its DNS edge removed (allow-dns-egress stays, with no rule left). */
export function threeTierWithoutDns(): DesignDoc {
  const doc = threeTier();
  const dns = deriveEdges(doc).edges.find((e) => e.target === 'kube-system/coredns')!;
  return disconnect.perform(doc, { edge: dns }).doc;
}
