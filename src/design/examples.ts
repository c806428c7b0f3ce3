// The built-in examples offered by the app (manifests in /examples, embedded as text by
// scripts/embed-texts.mjs, so they load alike in the browser, the CLI and plain Node).
import { EXAMPLE_TEXTS } from './embeddedTexts';

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Plain Kubernetes manifests; '' for the blank document. */
  readonly yaml: string;
}

export const examples: readonly Example[] = [
  { id: 'blank', title: 'Blank', description: 'An empty canvas.', yaml: '' },
  {
    id: 'three-tier',
    title: 'Three-tier app',
    description:
      'frontend → backend → database in namespace shop with default deny for ingress and egress, and DNS egress to kube-dns.',
    yaml: EXAMPLE_TEXTS['three-tier.yaml']!,
  },
  {
    id: 'namespace-isolation',
    title: 'Namespace isolation',
    description:
      'dev and prod accept traffic only from their own namespace, plus metrics scraping from monitoring.',
    yaml: EXAMPLE_TEXTS['namespace-isolation.yaml']!,
  },
  {
    id: 'database-isolation',
    title: 'Database isolation',
    description:
      'postgres accepts only clients labelled db-access=true from team=apps namespaces and reaches only its backup network.',
    yaml: EXAMPLE_TEXTS['database-isolation.yaml']!,
  },
];
