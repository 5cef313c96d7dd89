/** TanStack Query keys, one place so invalidation after a mutation hits every reader. */
export const queryKeys = {
  health: ['health'] as const,
  snapshots: {
    all: ['snapshots'] as const,
    list: () => ['snapshots', 'list'] as const,
    detail: (id: string) => ['snapshots', 'detail', id] as const,
  },
};
