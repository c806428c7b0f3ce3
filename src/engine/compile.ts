// Compiles a cluster and its policies into equivalence classes and bitsets. The universe of peers is the
// classes (0..K-1) followed by the pieces of the address space outside the cluster (K..K+X-1); every policy
// subject and every rule's peers become a bitset over it, so evaluation never looks at a single pod.
//
// `compile` runs these steps in order, each a named function (steps 2 and 4 in compileSelections.ts, the
// ports of step 6 in compilePorts.ts):
// 1. the policies as enforced, admin ones in evaluation order, `nodes` peers as their nodes' addresses
//    (`enforcedPolicies`);
// 2. every address set the rules name, ipBlocks and `networks` (`collectAddressSets`), and the container port
//    names they use (`namedPortsUsed`);
// 3. workloads grouped by what selectors can tell apart (`groupWorkloads`), with pod IPs when an address set
//    may match pods;
// 4. every subject and peer as a selection of groups (`selectNetworkPolicies`, `selectAdminPolicies`);
// 5. the groups refined into classes that every selection is a union of (`buildClasses`), and the address
//    space cut into pieces that every address set is a union of (`partitionAddressSpace`);
// 6. the rules with their peers as bitsets and their ports resolved (`compileNetworkPolicies`,
//    `compileAdminPolicies`), and per class the policies that isolate or select it.
import { orderAdminPolicies, policyInEffect } from './adminPolicy';
import { type Bitset, BitsetSlab, newBitset, setBit } from './bitset';
import { type Group, groupWorkloads, namespaceTable, refine } from './classes';
import { type RulePorts, RulePortsResolver } from './compilePorts';
import {
  collectAddressSets,
  namedPortsUsed,
  type PeerSpec,
  type PolicySpec,
  Selections,
  selectAdminPolicies,
  selectNetworkPolicies,
} from './compileSelections';
import { type AddressPiece, partitionAddressSpace } from './ipRanges';
import { hasPolicyType } from './policy';
import { SetTable } from './setTable';
import type {
  AdminAction,
  AdminNetworkPolicy,
  AnalysisOptions,
  Cluster,
  NetworkPolicy,
  PolicySet,
  Workload,
} from './types';

export type { RulePorts } from './compilePorts';

export interface CompiledRule {
  /** Null: every peer, in the cluster or not. */
  readonly peers: Bitset | null;
  readonly ports: RulePorts;
  readonly index: number;
  readonly action?: AdminAction;
}

export interface CompiledPolicy {
  readonly ingress: readonly CompiledRule[];
  readonly egress: readonly CompiledRule[];
}

export interface CompiledAdminPolicy extends CompiledPolicy {
  readonly policy: AdminNetworkPolicy;
}

export interface Compiled {
  /** Every connection set of the analysis, interned. */
  readonly table: SetTable;
  readonly classCount: number;
  readonly universe: number;
  /** Class of each workload, in cluster order. */
  readonly workloadClass: Int32Array;
  /** One workload of each class: all members have the same labels, relevant named ports and selections. */
  readonly classRepresentative: readonly Workload[];
  readonly classSize: Int32Array;
  readonly pieces: readonly AddressPiece[];
  readonly networkPolicies: readonly CompiledPolicy[];
  /** Per class: indices of the NetworkPolicies that isolate it for ingress / egress. */
  readonly ingressIsolating: readonly number[][];
  readonly egressIsolating: readonly number[][];
  /** Admin tier by priority, then baseline; per class the indices (into these) of the policies selecting it. */
  readonly admin: readonly CompiledAdminPolicy[];
  readonly baseline: readonly CompiledAdminPolicy[];
  readonly adminFor: readonly number[][];
  readonly baselineFor: readonly number[][];
}

export function compile(cluster: Cluster, policies: PolicySet, options: AnalysisOptions = {}): Compiled {
  const { nps, admin, baseline } = enforcedPolicies(policies, cluster.nodes);
  const adminAll = [...admin, ...baseline];
  const ns = namespaceTable(cluster);
  const addresses = collectAddressSets(nps, adminAll);
  const portNames = namedPortsUsed(nps, adminAll);
  const { groups, groupOf } = groupWorkloads(
    cluster.workloads,
    ns,
    portNames,
    addresses.mayMatchPods(options.ipBlockMatchesPodIPs === true),
  );
  const selections = new Selections(groups, ns, addresses, options);
  const npSpecs = selectNetworkPolicies(nps, selections);
  const adminSpecs = selectAdminPolicies(adminAll, selections);
  selections.separateNamedPorts(portNames);
  const classes = buildClasses(groups, groupOf, selections.all);
  const pieces = partitionAddressSpace(addresses.sets);
  const bits = new PeerBits(classes, pieces, addresses.sets.length);
  const table = new SetTable();
  const ports = new RulePortsResolver(table, bits.universe, classes.classRepresentative);
  const networkPolicies = compileNetworkPolicies(nps, npSpecs, bits, ports);
  const compiledAdmin = compileAdminPolicies(adminAll, adminSpecs, bits, ports);
  const adminSubjects = subjectClasses(adminSpecs, classes.classOf, classes.classCount);
  return {
    table,
    classCount: classes.classCount,
    universe: bits.universe,
    workloadClass: classes.workloadClass,
    classRepresentative: classes.classRepresentative,
    classSize: classes.classSize,
    pieces,
    networkPolicies,
    ...isolatingPolicies(nps, npSpecs, classes.classOf, classes.classCount),
    admin: compiledAdmin.slice(0, admin.length),
    baseline: compiledAdmin.slice(admin.length),
    adminFor: adminSubjects.map((l) => l.filter((i) => i < admin.length)),
    baselineFor: adminSubjects.map((l) => l.filter((i) => i >= admin.length).map((i) => i - admin.length)),
  };
}

/**
 * The pieces of the address space outside the cluster, as `compile` makes them, without compiling the rest:
 * what `explain` needs to name an address (the lint asks it thousands of times per run).
 */
export function outsidePieces(policies: PolicySet, nodes: Cluster['nodes'] = []): AddressPiece[] {
  const { nps, admin, baseline } = enforcedPolicies(policies, nodes);
  return partitionAddressSpace(collectAddressSets(nps, [...admin, ...baseline]).sets);
}

// ---- 1. the policies as enforced ------------------------------------------------------------------------------

/** NetworkPolicies as written; admin policies each tier in evaluation order, every rule as it is enforced. */
function enforcedPolicies(
  policies: PolicySet,
  nodes: Cluster['nodes'] = [],
): {
  nps: readonly NetworkPolicy[];
  admin: AdminNetworkPolicy[];
  baseline: AdminNetworkPolicy[];
} {
  // `nodes` peers become their nodes' addresses; a rule with a peer of unknown fields fails closed.
  const { admin, baseline } = orderAdminPolicies(
    (policies.adminPolicies ?? []).map((p) => policyInEffect(p, nodes)),
  );
  return { nps: policies.networkPolicies, admin, baseline };
}

// ---- 5. classes and the universe of peers ---------------------------------------------------------------------

interface Classes {
  readonly classOf: Int32Array;
  readonly classCount: number;
  readonly workloadClass: Int32Array;
  readonly classRepresentative: Workload[];
  readonly classSize: Int32Array;
}

/** The coarsest classes of groups that every selection is a union of, each with a representative and size. */
function buildClasses(
  groups: readonly Group[],
  groupOf: ArrayLike<number>,
  selections: Iterable<readonly number[]>,
): Classes {
  const { classOf, classCount } = refine(groups.length, selections);
  const classRepresentative: Workload[] = new Array(classCount);
  const classSize = new Int32Array(classCount);
  for (let g = groups.length - 1; g >= 0; g--) classRepresentative[classOf[g]] = groups[g].representative;
  const workloadClass = Int32Array.from(groupOf, (g) => classOf[g]);
  for (const c of workloadClass) classSize[c]++;
  return { classOf, classCount, workloadClass, classRepresentative, classSize };
}

/**
 * Selections and address sets as bitsets over the universe: classes, then the address pieces. Equal peers share
 * one bitset (a rule naming one selection gets that selection's own; others are interned by content): at
 * 64,000 classes a bitset is 8 KB, and 145,000 rules each with a bitset of its own were most of the garbage and
 * a gigabyte of the heap. The rules' bitsets are read only.
 */
class PeerBits {
  readonly universe: number;
  private readonly setPieces: number[][];
  private readonly cache = new Map<readonly number[], Selected>();
  private readonly interned = new Map<number, Bitset[]>();
  private readonly slab: BitsetSlab;
  private readonly scratch: Bitset;
  // Words of `scratch` set by the selection being built, when it is built bit by bit (`touchedAll` otherwise).
  private readonly touched: number[] = [];

  constructor(
    private readonly classes: Classes,
    pieces: readonly AddressPiece[],
    setCount: number,
  ) {
    const K = classes.classCount;
    this.universe = K + pieces.length;
    this.setPieces = Array.from({ length: setCount }, () => []);
    pieces.forEach((p, i) => {
      for (const s of p.memberOf) this.setPieces[s].push(K + i);
    });
    this.slab = new BitsetSlab(this.universe);
    this.scratch = newBitset(this.universe);
  }

  /** Null: every peer, in the cluster or not. */
  of(spec: PeerSpec): Bitset | null {
    if (spec.all) return null;
    if (spec.groups.length === 1 && spec.pieceSets.length === 0) return this.selected(spec.groups[0]).bits;
    const b = this.scratch;
    const touched = this.touched;
    // A small selection sets its classes' bits; a large one is OR-ed a word at a time.
    const small = b.length >>> 3;
    let all = false;
    const set = (u: number) => {
      const w = u >>> 5;
      if (b[w] === 0) touched.push(w);
      b[w] |= 1 << (u & 31);
    };
    for (const sel of spec.groups) {
      const part = this.selected(sel);
      if (part.classes.length < small) for (const k of part.classes) set(k);
      else {
        all = true;
        for (let w = 0; w < b.length; w++) b[w] |= part.bits[w];
      }
    }
    for (const s of spec.pieceSets) for (const u of this.setPieces[s]) set(u);
    if (!all) touched.sort((x, y) => x - y);
    const result = this.intern(b, all ? undefined : touched);
    if (all) b.fill(0);
    else for (const w of touched) b[w] = 0;
    touched.length = 0;
    return result;
  }

  /** The bitset equal to `b` met before, or a copy of `b` kept from now on; `words`: its non-zero words. */
  private intern(b: Bitset, words: readonly number[] | undefined): Bitset {
    let h = 0;
    if (words) for (const w of words) h = (Math.imul(h ^ w, 0x9e3779b1) ^ b[w]) | 0;
    else for (let w = 0; w < b.length; w++) if (b[w] !== 0) h = (Math.imul(h ^ w, 0x9e3779b1) ^ b[w]) | 0;
    let same = this.interned.get(h);
    if (!same) {
      same = [];
      this.interned.set(h, same);
    }
    for (const x of same) if (equalBits(x, b)) return x;
    const copy = this.slab.alloc();
    if (words) for (const w of words) copy[w] = b[w];
    else copy.set(b);
    same.push(copy);
    return copy;
  }

  private selected(sel: readonly number[]): Selected {
    let hit = this.cache.get(sel);
    if (!hit) {
      const bits = this.slab.alloc();
      for (const g of sel) setBit(bits, this.classes.classOf[g]);
      hit = { bits, classes: classesOf(sel, this.classes.classOf) };
      this.cache.set(sel, hit);
    }
    return hit;
  }
}

/** A selection of groups as classes: a bitset, and the list. */
interface Selected {
  readonly bits: Bitset;
  readonly classes: readonly number[];
}

function equalBits(x: Bitset, y: Bitset): boolean {
  for (let w = 0; w < x.length; w++) if (x[w] !== y[w]) return false;
  return true;
}

// ---- 6. the compiled rules, and who each policy isolates or selects -------------------------------------------

function compileNetworkPolicies(
  nps: readonly NetworkPolicy[],
  specs: readonly PolicySpec[],
  bits: PeerBits,
  ports: RulePortsResolver,
): CompiledPolicy[] {
  return nps.map((np, i) => ({
    ingress: specs[i].ingress.map((spec, k) => ({
      peers: bits.of(spec),
      ports: ports.networkPolicy(np.ingress![k].ports),
      index: k,
    })),
    egress: specs[i].egress.map((spec, k) => ({
      peers: bits.of(spec),
      ports: ports.networkPolicy(np.egress![k].ports),
      index: k,
    })),
  }));
}

/** Per class, the NetworkPolicies that isolate it for ingress and for egress. */
function isolatingPolicies(
  nps: readonly NetworkPolicy[],
  specs: readonly PolicySpec[],
  classOf: Int32Array,
  classCount: number,
): { ingressIsolating: number[][]; egressIsolating: number[][] } {
  const ingressIsolating: number[][] = Array.from({ length: classCount }, () => []);
  const egressIsolating: number[][] = Array.from({ length: classCount }, () => []);
  nps.forEach((np, i) => {
    const subjects = classesOf(specs[i].subject, classOf);
    if (hasPolicyType(np, 'Ingress')) for (const c of subjects) ingressIsolating[c].push(i);
    if (hasPolicyType(np, 'Egress')) for (const c of subjects) egressIsolating[c].push(i);
  });
  return { ingressIsolating, egressIsolating };
}

function compileAdminPolicies(
  admin: readonly AdminNetworkPolicy[],
  specs: readonly PolicySpec[],
  bits: PeerBits,
  ports: RulePortsResolver,
): CompiledAdminPolicy[] {
  return admin.map((a, i) => ({
    policy: a,
    ingress: specs[i].ingress.map((spec, k) => ({
      peers: bits.of(spec),
      ports: ports.admin(a.ingress[k].ports),
      index: k,
      action: a.ingress[k].action,
    })),
    egress: specs[i].egress.map((spec, k) => ({
      peers: bits.of(spec),
      ports: ports.admin(a.egress[k].ports),
      index: k,
      action: a.egress[k].action,
    })),
  }));
}

/** Per class, the indices of the policies whose subject selects it (ascending). */
function subjectClasses(specs: readonly PolicySpec[], classOf: Int32Array, classCount: number): number[][] {
  const out: number[][] = Array.from({ length: classCount }, () => []);
  specs.forEach((spec, i) => {
    for (const c of classesOf(spec.subject, classOf)) out[c].push(i);
  });
  return out;
}

/** Distinct classes of a group selection, ascending. */
function classesOf(sel: readonly number[], classOf: Int32Array): number[] {
  return [...new Set(Array.from(sel, (g) => classOf[g]))].sort((a, b) => a - b);
}
