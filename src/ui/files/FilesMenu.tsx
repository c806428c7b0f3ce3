// PLACEHOLDER written by UI engineer A so the app builds; engineer B replaces this file with the import,
// export and share controls. Contract: default export, no props (see /work/notes/ui-contract.md).
export default function FilesMenu() {
  return null;
}
