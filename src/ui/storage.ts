// Where the designer keeps documents in the browser: IndexedDB (no 5 MB quota, writes off the page's critical
// path), with localStorage only where IndexedDB cannot be opened. Two kinds of records: the current document
// (autosave), and documents kept aside — a saved or shared document the designer could not read or show is
// never overwritten, it is kept under its own key until the user downloads it. The text stored is what
// `persist.ts` serialises; this module does not look inside it.
//
// The first time IndexedDB opens, an autosave left in localStorage by earlier versions moves into it (and is
// removed from localStorage only once IndexedDB holds it).
//
// IndexedDB writes are asynchronous, and a write started as the page unloads (a reload right after an edit)
// may be aborted with the page. So the save made on the way out is also written synchronously to
// localStorage (`writeBeforeUnload`, documents up to a few MB), each record carries the time it was saved,
// and `readCurrent` returns the newer of the two.

/** The localStorage key of the current document (earlier versions kept it only there). */
export const STORAGE_KEY = 'netpol-designer:document';
/** localStorage keys of documents kept aside start with this. */
export const ASIDE_PREFIX = 'netpol-designer:kept-aside:';

/** The localStorage key of the copy written as the page unloads (see `writeBeforeUnload`). */
export const UNLOAD_COPY_KEY = 'netpol-designer:unload-copy';
/** Larger documents get no unload copy (localStorage holds about 5 MB in all, in UTF-16). */
const UNLOAD_COPY_MAX = 2_000_000;

const DB_NAME = 'netpol-designer';
const DB_VERSION = 1;
const STORE = 'documents';
const CURRENT = 'current';

/** A document kept aside: its text exactly as it was stored, and why it was put aside. */
export interface AsideRecord {
  readonly key: string;
  readonly text: string;
  readonly reason: string;
  /** ISO time it was put aside. */
  readonly at: string;
}

export interface DocStorage {
  readonly kind: 'indexeddb' | 'localstorage' | 'none';
  readCurrent(): Promise<string | null>;
  /** Rejects when the browser refuses (quota, private mode); the caller tells the user. */
  writeCurrent(text: string): Promise<void>;
  /**
   * A synchronous best-effort copy of the current document, for the save made as the page unloads, when an
   * asynchronous write may not finish. Absent where `writeCurrent` is synchronous already.
   */
  writeBeforeUnload?(text: string): void;
  /** Keeps `text` under a key of its own; never overwrites another record. Returns the key. */
  keepAside(text: string, reason: string): Promise<string>;
  listAside(): Promise<AsideRecord[]>;
  removeAside(key: string): Promise<void>;
  /** Observed traffic saved beside the document (design/observed.ts), or null. */
  readObserved?(): Promise<string | null>;
  /** Saves observed traffic (null removes it); rejects when the browser refuses. */
  writeObserved?(text: string | null): Promise<void>;
}

/** The localStorage key of observed traffic (where IndexedDB is unavailable; small captures only). */
export const OBSERVED_KEY = 'netpol-designer:observed';
/** The IndexedDB key of observed traffic. */
const OBSERVED = 'observed';

function asideKey(): string {
  return `${ASIDE_PREFIX}${new Date().toISOString()}:${Math.random().toString(36).slice(2, 8)}`;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = factory.open(DB_NAME, DB_VERSION);
    r.onupgradeneeded = () => {
      if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE);
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB cannot be opened'));
    r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/** A saved text and when it was saved (ms since the epoch; 0 for records of versions that kept no time). */
export interface Saved {
  readonly text: string;
  readonly savedAt: number;
}

/** A stored value as a saved text: a bare string (earlier versions) or `{text, savedAt}`; null otherwise. */
export function asSaved(value: unknown): Saved | null {
  if (typeof value === 'string') return { text: value, savedAt: 0 };
  if (typeof value !== 'object' || value === null) return null;
  const { text, savedAt } = value as { text?: unknown; savedAt?: unknown };
  if (typeof text !== 'string') return null;
  return { text, savedAt: typeof savedAt === 'number' && Number.isFinite(savedAt) ? savedAt : 0 };
}

/** The newer of the IndexedDB record and the unload copy; the IndexedDB record when they are as old. */
export function newerSaved(stored: Saved | null, unloadCopy: Saved | null): Saved | null {
  if (!unloadCopy) return stored;
  if (!stored || unloadCopy.savedAt > stored.savedAt) return unloadCopy;
  return stored;
}

function readUnloadCopy(ls: Storage | null): Saved | null {
  try {
    const raw = ls?.getItem(UNLOAD_COPY_KEY);
    return raw ? asSaved(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

function idbStorage(db: IDBDatabase, ls: Storage | null): DocStorage {
  const store = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  const write = (key: string, value: unknown) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(value, key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  const remove = (key: string) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB delete failed'));
    });
  return {
    kind: 'indexeddb',
    async readCurrent() {
      const stored = asSaved(await request(store('readonly').get(CURRENT)));
      return newerSaved(stored, readUnloadCopy(ls))?.text ?? null;
    },
    async writeCurrent(text) {
      const savedAt = Date.now();
      await write(CURRENT, { text, savedAt });
      // IndexedDB now holds this save: an unload copy as old or older has done its work.
      const copy = readUnloadCopy(ls);
      if (copy && copy.savedAt <= savedAt) ls?.removeItem(UNLOAD_COPY_KEY);
    },
    writeBeforeUnload(text) {
      if (!ls || text.length > UNLOAD_COPY_MAX) return;
      try {
        ls.setItem(UNLOAD_COPY_KEY, JSON.stringify({ text, savedAt: Date.now() }));
      } catch {
        // Quota: the IndexedDB write started with it may still finish.
      }
    },
    async keepAside(text, reason) {
      const key = asideKey();
      await write(key, { text, reason, at: new Date().toISOString() });
      return key;
    },
    async listAside() {
      const s = store('readonly');
      const keys = (await request(s.getAllKeys())).filter(
        (k): k is string => typeof k === 'string' && k.startsWith(ASIDE_PREFIX),
      );
      const records = await Promise.all(keys.map((k) => request(store('readonly').get(k))));
      return keys.flatMap((key, i) => {
        const r = records[i] as Partial<AsideRecord> | undefined;
        return r && typeof r.text === 'string'
          ? [{ key, text: r.text, reason: String(r.reason ?? ''), at: String(r.at ?? '') }]
          : [];
      });
    },
    removeAside: (key) => remove(key),
    async readObserved() {
      const value = await request(store('readonly').get(OBSERVED));
      return typeof value === 'string' ? value : null;
    },
    writeObserved: (text) => (text === null ? remove(OBSERVED) : write(OBSERVED, text)),
  };
}

function localStorageOf(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

function webStorage(ls: Storage): DocStorage {
  return {
    kind: 'localstorage',
    readCurrent: async () => ls.getItem(STORAGE_KEY),
    writeCurrent: async (text) => ls.setItem(STORAGE_KEY, text),
    async keepAside(text, reason) {
      const key = asideKey();
      ls.setItem(key, JSON.stringify({ text, reason, at: new Date().toISOString() }));
      return key;
    },
    async listAside() {
      const out: AsideRecord[] = [];
      for (let i = 0; i < ls.length; i++) {
        const key = ls.key(i);
        if (!key?.startsWith(ASIDE_PREFIX)) continue;
        try {
          const r = JSON.parse(ls.getItem(key) ?? '') as Partial<AsideRecord>;
          if (typeof r.text === 'string')
            out.push({ key, text: r.text, reason: String(r.reason ?? ''), at: String(r.at ?? '') });
        } catch {
          // Not one of ours after all.
        }
      }
      return out;
    },
    removeAside: async (key) => ls.removeItem(key),
    readObserved: async () => ls.getItem(OBSERVED_KEY),
    writeObserved: async (text) =>
      text === null ? ls.removeItem(OBSERVED_KEY) : ls.setItem(OBSERVED_KEY, text),
  };
}

const NO_STORAGE: DocStorage = {
  kind: 'none',
  readCurrent: async () => null,
  writeCurrent: async () => {
    throw new Error('this browser keeps no storage for the page');
  },
  keepAside: async () => {
    throw new Error('this browser keeps no storage for the page');
  },
  listAside: async () => [],
  removeAside: async () => {},
};

/** Moves an autosave of earlier versions from localStorage into IndexedDB (unless IndexedDB already has one). */
async function migrate(storage: DocStorage, ls: Storage | null): Promise<void> {
  const old = ls?.getItem(STORAGE_KEY);
  if (!ls || old === null || old === undefined) return;
  if ((await storage.readCurrent()) === null) await storage.writeCurrent(old);
  else await storage.keepAside(old, 'an older autosave found in localStorage beside a newer one');
  ls.removeItem(STORAGE_KEY);
}

/** IndexedDB when it opens (with the localStorage autosave moved into it), else localStorage, else nothing. */
export async function openStorage(
  factory: IDBFactory | undefined = globalThis.indexedDB,
): Promise<DocStorage> {
  const ls = localStorageOf();
  if (factory) {
    try {
      const storage = idbStorage(await openDb(factory), ls);
      try {
        await migrate(storage, ls);
      } catch {
        // The old copy stays in localStorage; it is migrated on a later visit.
      }
      return storage;
    } catch {
      // Fall through to localStorage.
    }
  }
  return ls ? webStorage(ls) : NO_STORAGE;
}
