// The one wording of a verdict: how `netpol explain`, `netpol check`, the designer's probe and matrix panels,
// red edges and lint messages say why a connection is allowed or denied. Plain sentences, no markup: the
// traffic is said once, then the deciding policy and rule of each side that matters. Rule names come as parts
// carrying their RuleRef, so the designer can make them links to the rule's line in YAML; the text is the
// parts joined.
import type { AdminAction, AdminNetworkPolicy, Direction, ExplainPart, RuleRef, Tier } from './types';

const lower = (d: Direction) => d.toLowerCase();

/** The kind a cluster-wide policy was written as (`AdminNetworkPolicy.kind`), or NetworkPolicy. */
export function policyKindName(p: { readonly tier: Tier; readonly kind?: 'ClusterNetworkPolicy' }): string {
  if (p.tier === 'NetworkPolicy') return 'NetworkPolicy';
  if (p.kind) return p.kind;
  return p.tier === 'Admin' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
}

/** An action in the words of the policy's API version: v1alpha2 says Accept where v1alpha1 says Allow. */
export function actionName(action: AdminAction, kind: 'ClusterNetworkPolicy' | undefined): string {
  return action === 'Allow' && kind === 'ClusterNetworkPolicy' ? 'Accept' : action;
}

/** The name of a rule as the explanations say it: `egress rule 1 of frontend-egress`. */
export function ruleName(ref: RuleRef, admin: readonly AdminNetworkPolicy[] = []): string {
  const n = ref.ruleIndex !== undefined ? `${lower(ref.direction)} rule ${ref.ruleIndex + 1}` : '';
  if (ref.tier === 'NetworkPolicy') {
    // A NetworkPolicy only ever selects pods of its own namespace, which the sentence already names.
    const name = ref.policy.slice(ref.policy.indexOf('/') + 1);
    return n ? `${n} of ${name}` : name;
  }
  const anp = admin.find((p) => p.tier === ref.tier && p.name === ref.policy);
  const rule =
    anp && ref.ruleIndex !== undefined
      ? (ref.direction === 'Ingress' ? anp.ingress : anp.egress)[ref.ruleIndex]
      : undefined;
  const named = rule?.name ? ` "${rule.name}"` : '';
  const kindName = policyKindName({ tier: ref.tier, kind: ref.kind ?? anp?.kind });
  const priority = ref.priority ?? anp?.priority ?? 0;
  // A v1alpha2 ClusterNetworkPolicy names its tier, and a Baseline one has a priority as well.
  const kind =
    kindName === 'ClusterNetworkPolicy'
      ? `ClusterNetworkPolicy ${ref.policy} (${ref.tier} tier, priority ${priority})`
      : ref.tier === 'Admin'
        ? `AdminNetworkPolicy ${ref.policy} (priority ${priority})`
        : `BaselineAdminNetworkPolicy ${ref.policy}`;
  return n ? `${n}${named} of ${kind}` : kind;
}

/** The facts of one side, as explain decided them, with the names the sentence uses. */
export interface SideFacts {
  readonly direction: Direction;
  /** The side's workload (`shop/web`), or undefined for an address outside the cluster. */
  readonly subject?: string;
  readonly allowed: boolean;
  readonly isolatedBy: readonly RuleRef[];
  /** NetworkPolicy rules that allow the traffic (when isolated). */
  readonly allowedBy: readonly RuleRef[];
  /** The admin or baseline rule that allowed or denied it (not a Pass). */
  readonly decidedBy?: RuleRef;
  /** Admin-tier Pass rules met on the way, in order (admin, then baseline). */
  readonly passedBy: readonly RuleRef[];
  /** Plain text said after a rule name (why an admin rule fails closed), by policy name. */
  readonly after?: (ref: RuleRef) => string;
  /** Sentences about rules that were not applied (undecidable or unknown `networks`, `domainNames`, fail-closed). */
  readonly doubts: readonly string[];
}

type Parts = ExplainPart[];

const text = (t: string): ExplainPart => ({ text: t });

function rulePart(ref: RuleRef, facts: SideFacts, admin: readonly AdminNetworkPolicy[]): Parts {
  const after = facts.after?.(ref) ?? '';
  return [{ text: ruleName(ref, admin), rule: ref }, ...(after ? [text(after)] : [])];
}

function joinAnd(groups: readonly Parts[]): Parts {
  const out: Parts = [];
  groups.forEach((g, i) => {
    if (i > 0) out.push(text(i === groups.length - 1 ? ' and ' : ', '));
    out.push(...g);
  });
  return out;
}

/**
 * One side's clause, without the traffic (the sentence around it says that once): "egress rule 1 of
 * frontend-egress lets it out", "shop/db is isolated for ingress by default-deny, and no rule of
 * it lets it in", "shop/db is not isolated for ingress". Empty for an address outside the cluster.
 */
export function sideParts(facts: SideFacts, admin: readonly AdminNetworkPolicy[] = []): Parts {
  const who = facts.subject;
  if (who === undefined) return [];
  const dir = lower(facts.direction);
  // Egress lets the traffic out of its pod, ingress lets it in: the side is clear from the verb.
  const inOut = facts.direction === 'Egress' ? 'out' : 'in';
  const verb = facts.allowed
    ? `lets it ${inOut}`
    : facts.direction === 'Egress'
      ? 'keeps it in'
      : 'keeps it out';
  const out: Parts = [];
  const passes = facts.passedBy.filter((r) => r.tier === 'Admin');
  for (const p of passes) out.push(...rulePart(p, facts, admin), text(' passes it on, then '));
  const d = facts.decidedBy;
  if (d && d.tier === 'Admin') {
    out.push(...rulePart(d, facts, admin), text(` ${verb}, before any NetworkPolicy`));
  } else if (facts.isolatedBy.length > 0) {
    if (facts.allowed) {
      const groups = facts.allowedBy.map((r) => rulePart(r, facts, admin));
      out.push(...joinAnd(groups), text(` ${groups.length > 1 ? 'let' : 'lets'} it ${inOut}`));
    } else {
      const names = facts.isolatedBy.map((r) => [text(ruleName({ ...r, ruleIndex: undefined }, admin))]);
      const them = facts.isolatedBy.length > 1 ? 'them' : 'it';
      out.push(
        text(`${who} is isolated for ${dir} by `),
        ...joinAnd(names),
        text(`, and no rule of ${them} lets it ${inOut}`),
      );
    }
  } else {
    out.push(text(`${who} is not isolated for ${dir}`));
    const basePass = facts.passedBy.find((r) => r.tier === 'Baseline');
    if (d) {
      out.push(text(', and '), ...rulePart(d, facts, admin), text(` ${verb}`));
    } else if (basePass) {
      out.push(
        text(', and '),
        ...rulePart(basePass, facts, admin),
        text(' passes it on to the default, allow'),
      );
    }
  }
  return out;
}

/** The clause of a side standing alone, e.g. as a red edge's reason: an outside address says so. */
export function sideReason(facts: SideFacts, admin: readonly AdminNetworkPolicy[] = []): string {
  const parts = sideParts(facts, admin);
  const clause =
    parts.length > 0
      ? partsText(parts)
      : `the ${facts.direction === 'Egress' ? 'source' : 'destination'} is outside the cluster, where no policy applies`;
  return [clause, ...facts.doubts].join('. ');
}

export function partsText(parts: readonly ExplainPart[]): string {
  return parts.map((p) => p.text).join('');
}

/** A full stop after a text that may end in a user's name (an admin rule named `allow.`): never `..`. */
function endSentence(parts: Parts): Parts {
  const last = parts[parts.length - 1];
  return last && /[.!?]"?$/.test(last.text) ? parts : [...parts, text('.')];
}

/**
 * The whole verdict in one or two sentences: the traffic once, then why. "TCP 8080 from shop/frontend to
 * shop/backend is allowed: egress rule 1 of frontend-egress lets it out, and ingress rule 1 of backend-ingress
 * lets it in." A denial names the side that stops it first; when the other
 * side would let it through, a second sentence says so (the designer draws that as one-sided).
 */
export function verdictParts(
  what: { readonly protocol: string; readonly port: number; readonly src: string; readonly dst: string },
  egress: SideFacts,
  ingress: SideFacts,
  admin: readonly AdminNetworkPolicy[] = [],
): ExplainPart[] {
  const traffic = `${what.protocol} ${what.port} from ${what.src} to ${what.dst}`;
  const e = sideParts(egress, admin);
  const i = sideParts(ingress, admin);
  const sides = [e, i].filter((p) => p.length > 0);
  const doubts = [...egress.doubts, ...ingress.doubts].map((d) => text(` ${d}.`));
  let out: Parts;
  if (egress.allowed && ingress.allowed) {
    out = endSentence([text(`${traffic} is allowed: `), ...joinClauses(sides, true)]);
  } else if (!egress.allowed && !ingress.allowed) {
    out = endSentence([text(`${traffic} is denied on both sides: `), ...joinClauses(sides, false)]);
  } else {
    const [stop, other] = egress.allowed ? [i, e] : [e, i];
    out = endSentence([text(`${traffic} is denied: `), ...stop]);
    if (other.length > 0) out.push(text(' On the other side, '), ...endSentence(other));
  }
  return [...out, ...doubts];
}

function joinClauses(sides: readonly Parts[], allowed: boolean): Parts {
  const out: Parts = [];
  sides.forEach((s, k) => {
    if (k > 0) out.push(text(allowed ? ', and ' : '; '));
    out.push(...s);
  });
  return out;
}
