// The built-in examples offered by the app (manifests in /examples, imported as text by Vite's `?raw`).
import databaseIsolation from '../../examples/database-isolation.yaml?raw';
import namespaceIsolation from '../../examples/namespace-isolation.yaml?raw';
import threeTier from '../../examples/three-tier.yaml?raw';

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
    yaml: threeTier,
  },
  {
    id: 'namespace-isolation',
    title: 'Namespace isolation',
    description:
      'dev and prod accept traffic only from their own namespace, plus metrics scraping from monitoring.',
    yaml: namespaceIsolation,
  },
  {
    id: 'database-isolation',
    title: 'Database isolation',
    description:
      'postgres accepts only clients labelled db-access=true from team=apps namespaces and reaches only its backup network.',
    yaml: databaseIsolation,
  },
];
