// The registry of user operations: the toolbar, context menu, inspector, keyboard and YAML pane all
// dispatch through `applyOp`, and the store records what it returns.
import type { DesignDoc, OpArgs, Operation, OpName, OpResult } from '../types';
import { setAdminForm, setClusterDefaultDeny, setPodCidrs } from './adminPolicies';
import { completeEdge, connect, disconnect, setEdgeEnforcement, setEdgePorts } from './connections';
import { dropWorkload, setLayout, setNodePosition } from './document';
import {
  addAllNamespaces,
  addAnywhere,
  addDnsPreset,
  addExternal,
  deleteExternal,
  setExternalLabel,
} from './externals';
import { addObservedExternals, addObservedWorkloads, generateFromFlows } from './flows';
import { importManifests } from './import';
import { applyLintFix } from './lintFix';
import { editYaml, loadDocument, loadExample, startLesson } from './load';
import { addNamespace, deleteNamespace, renameNamespace, setNamespaceLabels } from './namespaces';
import { replacePolicies, setDefaultDeny } from './policies';
import { deleteSelection } from './selection';
import {
  addWorkload,
  deleteWorkload,
  moveWorkload,
  renameWorkload,
  setWorkloadHostNetwork,
  setWorkloadKind,
  setWorkloadLabels,
  setWorkloadPorts,
} from './workloads';
import { enableAllPolicies, setCni, setPolicyEnabled } from './workshop';

export const operations: { readonly [K in OpName]: Operation<OpArgs[K]> } = {
  addNamespace,
  renameNamespace,
  setNamespaceLabels,
  deleteNamespace,
  addWorkload,
  renameWorkload,
  setWorkloadKind,
  setWorkloadLabels,
  setWorkloadPorts,
  setWorkloadHostNetwork,
  moveWorkload,
  deleteWorkload,
  addExternal,
  setExternalLabel,
  deleteExternal,
  addDnsPreset,
  addAnywhere,
  addAllNamespaces,
  connect,
  setEdgePorts,
  setEdgeEnforcement,
  disconnect,
  completeEdge,
  setDefaultDeny,
  replacePolicies,
  importManifests,
  setNodePosition,
  dropWorkload,
  setLayout,
  loadDocument,
  loadExample,
  startLesson,
  editYaml,
  deleteSelection,
  setCni,
  setPolicyEnabled,
  enableAllPolicies,
  applyLintFix,
  setAdminForm,
  setClusterDefaultDeny,
  setPodCidrs,
  addObservedWorkloads,
  addObservedExternals,
  generateFromFlows,
};

/** Runs the named operation. Never throws for user input; see types.ts for the result contract. */
export function applyOp<K extends OpName>(doc: DesignDoc, name: K, args: OpArgs[K]): OpResult {
  const op = operations[name] as Operation<OpArgs[K]>;
  return op.perform(doc, args);
}

/** What the named operation with these arguments is called in the undo history and the change list. */
export function describeOp<K extends OpName>(name: K, args: OpArgs[K]): string {
  return (operations[name] as Operation<OpArgs[K]>).describe(args);
}

/** Whether the named operation replaces the document with an unrelated one (see `Operation.loads`). */
export function opLoads(name: OpName): boolean {
  return operations[name].loads;
}

export {
  addAllNamespaces,
  addAnywhere,
  addDnsPreset,
  addExternal,
  addNamespace,
  addObservedWorkloads,
  addWorkload,
  applyLintFix,
  completeEdge,
  connect,
  deleteExternal,
  deleteNamespace,
  deleteSelection,
  deleteWorkload,
  disconnect,
  dropWorkload,
  editYaml,
  enableAllPolicies,
  generateFromFlows,
  importManifests,
  loadDocument,
  loadExample,
  moveWorkload,
  renameNamespace,
  renameWorkload,
  replacePolicies,
  setAdminForm,
  setClusterDefaultDeny,
  setCni,
  setDefaultDeny,
  setEdgeEnforcement,
  setEdgePorts,
  setExternalLabel,
  setLayout,
  setNamespaceLabels,
  setNodePosition,
  setPodCidrs,
  setPolicyEnabled,
  setWorkloadKind,
  setWorkloadLabels,
  setWorkloadPorts,
  startLesson,
};
