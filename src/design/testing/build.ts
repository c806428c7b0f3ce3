// Test helpers: build documents through the operations themselves, failing loudly on error notices.
import { emptyDoc } from '../model';
import { applyOp } from '../ops';
import type { DesignDoc, OpArgs, OpName, OpResult } from '../types';

export function must<K extends OpName>(doc: DesignDoc, name: K, args: OpArgs[K]): DesignDoc {
  const r: OpResult = applyOp(doc, name, args);
  const errors = r.notices.filter((n) => n.severity === 'error');
  if (errors.length > 0) throw new Error(`${name} failed: ${errors.map((e) => e.message).join('; ')}`);
  return r.doc;
}

/** Namespace `shop` with frontend, backend and database (labels app=<name>, tier=<tier>) and their ports. */
export function shopDoc(): DesignDoc {
  let d = must(emptyDoc(), 'addNamespace', { name: 'shop' });
  d = must(d, 'addWorkload', {
    namespace: 'shop',
    name: 'frontend',
    labels: { app: 'frontend', tier: 'web' },
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  });
  d = must(d, 'addWorkload', {
    namespace: 'shop',
    name: 'backend',
    labels: { app: 'backend', tier: 'api' },
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  });
  d = must(d, 'addWorkload', {
    namespace: 'shop',
    name: 'database',
    labels: { app: 'database', tier: 'db' },
    ports: [{ name: 'postgres', containerPort: 5432, protocol: 'TCP' }],
  });
  return d;
}
