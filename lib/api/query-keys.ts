/** TanStack Query keys, one place so invalidation after a mutation hits every reader. */
export const queryKeys = {
  health: ['health'] as const,
  snapshots: {
    all: ['snapshots'] as const,
    list: () => ['snapshots', 'list'] as const,
    /** Prefix of every key about one snapshot (graph, blast radius...): invalidating it refreshes them all. */
    detail: (id: string) => ['snapshots', id] as const,
  },
  /** Every graph-derived key starts with `['snapshots', id]` so one invalidation after an import refreshes them all. */
  graph: (snapshotId: string, query: string) => ['snapshots', snapshotId, 'graph', query] as const,
  /** One edge's explanation / one node's policies, per window (`from|to`). */
  graphEdge: (snapshotId: string, edgeId: string, window: string) => ['snapshots', snapshotId, 'graph-edge', edgeId, window] as const,
  graphNode: (snapshotId: string, nodeId: string, window: string) => ['snapshots', snapshotId, 'graph-node', nodeId, window] as const,
  /** The unused, dangling and wildcard rules and the policies' diagnostics of one window (`from|to`). */
  graphRules: (snapshotId: string, window: string) => ['snapshots', snapshotId, 'graph-rules', window] as const,
  blastRadius: (snapshotId: string, query: string) => ['snapshots', snapshotId, 'blast-radius', query] as const,
  riskiest: (snapshotId: string, limit: number) => ['snapshots', snapshotId, 'riskiest', limit] as const,
  ruleYaml: (snapshotId: string, rule: string) => ['snapshots', snapshotId, 'rule-yaml', rule] as const,
  crownJewels: (snapshotId: string) => ['snapshots', snapshotId, 'crown-jewels'] as const,
  sensitivity: (snapshotId: string) => ['snapshots', snapshotId, 'sensitivity'] as const,
};
