// Objects keyed by user input (label keys, annotation keys, unknown YAML fields): created without a prototype,
// so `__proto__`, `constructor` or `toString` are ordinary keys — assigning `__proto__` on a plain `{}`
// changes its prototype instead (the key silently disappears), and reading `constructor` finds a function.
// Lookups in tables keyed by fixed names go through `ownValue`, never `table[userInput]`.

/** An empty object for keys that come from user input. */
export function userRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `table[key]` when `key` is the table's own key (not one of Object.prototype's), else undefined. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
