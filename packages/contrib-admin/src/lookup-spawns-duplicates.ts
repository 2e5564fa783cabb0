import type { ModelClass } from '@manouche/orm';

/**
 * Whether filtering on a lookup path can return a row more than once, so the change list needs
 * DISTINCT (Django's lookup_spawns_duplicates): only a path crossing a many-valued relation does
 * (a manyToMany field, or a foreign key or manyToMany seen from its target). A forward foreign
 * key or one-to-one joins one row per row and keeps the query DISTINCT-free.
 *
 * @example
 * lookupSpawnsDuplicates(Article, 'author__name'); // false
 * lookupSpawnsDuplicates(Article, 'comments__text'); // true
 */
export function lookupSpawnsDuplicates(model: ModelClass, path: string): boolean {
  let current = model;
  for (const name of path.split('__')) {
    const field = current._meta.getField(name);
    if (field) {
      if (field.type === 'manyToMany') return true;
      if (field.type !== 'foreignKey' && field.type !== 'oneToOne') return false;
      current = current._meta.remoteModel(field as never);
      continue;
    }
    const reverse = current._meta.reverseRelation(name);
    // Not a relation: a lookup or transform name (`title__exact`), or a name the query will refuse.
    if (!reverse) return false;
    if (reverse.kind !== 'oneToOne') return true;
    current = reverse.model;
  }
  return false;
}
