import type { Inventory, Pod } from '../model/kubernetes';
import type { LabelSelector } from '../policy';

/**
 * Pods by namespace and by `key=value` label, so a selector is matched against the few pods carrying its first
 * `matchLabels` pair instead of every pod (the rule catalog matches thousands of peers against thousands of pods).
 * Candidates still go through the real matcher; the index only narrows.
 */
export class PodLabelIndex {
  private byNamespace = new Map<string, Pod[]>();
  private byLabel = new Map<string, Map<string, Pod[]>>();

  constructor(inventory: Inventory) {
    for (const p of inventory.pods) {
      push(this.byNamespace, p.namespace, p);
      let labels = this.byLabel.get(p.namespace);
      if (!labels) this.byLabel.set(p.namespace, (labels = new Map()));
      for (const [k, v] of Object.entries(p.labels)) push(labels, `${k}=${v}`, p);
    }
  }

  namespaces(): IterableIterator<string> {
    return this.byNamespace.keys();
  }

  /** Pods of a namespace that may match the selector (a superset; match them afterwards). */
  candidates(namespace: string, selector: LabelSelector): readonly Pod[] {
    const first = Object.entries(selector.matchLabels)[0];
    if (first) return this.byLabel.get(namespace)?.get(`${first[0]}=${first[1]}`) ?? [];
    return this.byNamespace.get(namespace) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
