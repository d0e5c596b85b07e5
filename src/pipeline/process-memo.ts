// A memo per Archive that every copy of a module in this process shares. During `astro build` the integrations and
// the pages' bundle load the same source files as separate module instances; a module-level WeakMap then made each
// instance compute the same view model, related discussions or term vectors again. Keyed on globalThis by name.
const g = globalThis as Record<symbol, unknown>;

export function processMemo<K extends object, V>(name: string): WeakMap<K, V> {
  const key = Symbol.for(`chat-knowledge-archive.memo.${name}`);
  return (g[key] as WeakMap<K, V> | undefined) ?? ((g[key] = new WeakMap<K, V>()) as WeakMap<K, V>);
}
