/**
 * What deleting some objects would remove (Django's get_deleted_objects / NestedObjects): every
 * row the CASCADE reaches, as a nested list, the counts per model, and the rows whose PROTECT
 * (or RESTRICT) foreign keys forbid the delete.
 */
import type { Model, ModelClass, QuerySet } from '@manouche/orm';
import { capfirst } from './model-admin.js';

/** One object in the nested list: its label and what cascades from it. */
export interface DeletedNode {
  label: string;
  children: DeletedNode[];
}

/** The result of collecting. */
export interface DeletedObjects {
  nodes: DeletedNode[];
  /** `{ 'posts': 2, 'comments': 5 }` by verbose plural name. */
  counts: Array<{ name: string; count: number }>;
  /** Labels of the rows that block the delete. */
  protectedObjects: string[];
}

const MAX_DEPTH = 10;

function labelOf(obj: Model): string {
  const meta = (obj.constructor as unknown as ModelClass)._meta;
  return `${capfirst(meta.verboseName)}: ${String(obj)}`;
}

/** Collects the cascade of deleting `objects`. */
export async function collectDeletedObjects(objects: readonly Model[]): Promise<DeletedObjects> {
  const counts = new Map<string, number>();
  const protectedObjects: string[] = [];
  const seen = new Set<string>();

  const visit = async (obj: Model, depth: number): Promise<DeletedNode> => {
    const model = obj.constructor as unknown as ModelClass;
    const key = `${model._meta.appLabel}.${model._meta.modelName}:${String(obj.pk)}`;
    seen.add(key);
    counts.set(model._meta.verboseNamePlural, (counts.get(model._meta.verboseNamePlural) ?? 0) + 1);
    const node: DeletedNode = { label: labelOf(obj), children: [] };
    if (depth >= MAX_DEPTH) return node;
    for (const relation of model._meta.reverseRelations()) {
      if (relation.kind === 'manyToMany') continue;
      const onDelete = (relation.field as { onDelete?: string }).onDelete ?? 'CASCADE';
      if (onDelete !== 'CASCADE' && onDelete !== 'PROTECT' && onDelete !== 'RESTRICT') continue;
      const related = (await (relation.model.objects as { filter(f: object): QuerySet<Model> }).filter({ [relation.field.name]: obj.pk })) as Model[];
      for (const child of related) {
        const childKey = `${relation.model._meta.appLabel}.${relation.model._meta.modelName}:${String(child.pk)}`;
        if (seen.has(childKey)) continue;
        if (onDelete === 'CASCADE') node.children.push(await visit(child, depth + 1));
        else protectedObjects.push(labelOf(child));
      }
    }
    return node;
  };

  const nodes: DeletedNode[] = [];
  for (const obj of objects) nodes.push(await visit(obj, 0));
  return { nodes, counts: [...counts.entries()].map(([name, count]) => ({ name, count })), protectedObjects };
}
