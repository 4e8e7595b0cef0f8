/**
 * Records keyed by user names (sizes, matrices, families). A file may name a matrix `constructor` or a range
 * `__proto__`: lookups must see only the record's own keys, and new records have no prototype, so that
 * assigning `__proto__` stores a value instead of replacing the prototype.
 */

/** obj[key] when key is obj's own property, else undefined. */
export function own<V>(obj: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** An empty record without a prototype. */
export function userRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
