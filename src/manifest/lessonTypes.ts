// The vocabulary of lesson files (docs/lessons.md): a lesson is a starting document and a list of steps; a
// step is text plus checks the designer evaluates live against the learner's document, or a quiz question.
// Checks are data, so instructors can write their own lessons. Every value carries where it was written, so
// the app can point at a check in the file.
import type { RuleId } from '../engine/lint/types';
import type { EndpointPattern, Expectation, Protocol } from '../engine/types';
import type { Diagnostic, SourcePos } from './types';

/** How a lesson (or one of its steps) begins: a built-in example by id, or manifests written inline. */
export type LessonStart = (
  | { readonly kind: 'example'; readonly example: string; readonly pos: SourcePos }
  | {
      readonly kind: 'manifests';
      /** Kubernetes manifests (Namespaces, workloads, NetworkPolicies), as a multi-document YAML text. */
      readonly text: string;
      /** Where the text is written; the design layer reports import problems there. */
      readonly pos: SourcePos;
    }
) & {
  /** The network plugin the simulator assumes (the designer's CNI ids, e.g. `flannel`); checked by the design layer. */
  readonly cni?: { readonly id: string; readonly pos: SourcePos };
};

export type LessonDirection = 'ingress' | 'egress' | 'both';

/** One condition on the learner's document. */
export type LessonCheckSpec =
  /** Every expectation holds (the vocabulary of `netpol check`: from, to, port, protocol, allowed). */
  | { readonly kind: 'probe'; readonly expectations: readonly Expectation[] }
  /** Every workload the pattern names is (or, with `expected: false`, is not) isolated in that direction. */
  | {
      readonly kind: 'isolated';
      readonly workload: EndpointPattern;
      readonly direction: LessonDirection;
      readonly expected: boolean;
    }
  /** The number of NetworkPolicies (in `namespace`, or in all) is within min..max (both inclusive). */
  | {
      readonly kind: 'policyCount';
      readonly namespace?: string;
      readonly min?: number;
      readonly max?: number;
    }
  /** A policy with an empty podSelector isolates every pod of the namespace and allows nothing. */
  | {
      readonly kind: 'namespaceHasDefaultDeny';
      readonly namespace: string;
      readonly direction: LessonDirection;
    }
  /** Every workload (of `namespace`, or all) is isolated for egress and no egress rule allows everything. */
  | { readonly kind: 'noUnrestrictedEgress'; readonly namespace?: string }
  /** The lint rule reports nothing (`absent: true`) or something (`absent: false`), optionally in a namespace. */
  | { readonly kind: 'lint'; readonly rule: RuleId; readonly absent: boolean; readonly namespace?: string };

export type LessonCheckKind = LessonCheckSpec['kind'];

export type LessonCheck = LessonCheckSpec & {
  /** What the learner reads, e.g. "backend is reachable only from frontend"; a default is derived. */
  readonly title?: string;
  readonly pos: SourcePos;
};

/** A single connection shown live in a quiz demonstration. */
export interface LessonProbe {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface LessonQuiz {
  readonly question: string;
  readonly choices: readonly string[];
  /** 0-based index into `choices` (files write it 1-based, or as the text of the choice). */
  readonly answer: number;
  readonly explanation: string;
  /** Loaded onto the canvas once the learner has answered. */
  readonly demo?: { readonly start?: LessonStart; readonly probe?: LessonProbe };
}

export interface LessonStep {
  readonly title: string;
  /** Plain text: paragraphs, `- ` list items and `code` spans; never HTML. */
  readonly text: string;
  /** Replaces the learner's document when the step is entered. */
  readonly start?: LessonStart;
  readonly checks: readonly LessonCheck[];
  /** The checks describe the starting document (green at once): a step to look, not to do. */
  readonly observe: boolean;
  readonly quiz?: LessonQuiz;
  /**
   * What solves the step; never shown to the learner. `netpol lesson check` plays every step with its solution
   * and runs its checks. `text`: the NetworkPolicies as the Policies view would show them afterwards (absent:
   * the policies stay); `inventory`: the namespaces and workloads as the Inventory view would show them, for
   * steps that ask to add or change workloads (absent: the inventory stays).
   */
  readonly solution?: {
    readonly text?: string;
    readonly pos: SourcePos;
    readonly inventory?: { readonly text: string; readonly pos: SourcePos };
  };
  readonly pos: SourcePos;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary?: string;
  readonly start: LessonStart;
  readonly steps: readonly LessonStep[];
  /** The path the lesson was read from. */
  readonly file: string;
}

export interface LessonFile {
  /** Undefined when the file has errors. */
  readonly lesson?: Lesson;
  readonly diagnostics: readonly Diagnostic[];
}
