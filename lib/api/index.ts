export * from './snapshots';
export * from './health';
export * from './errors';
export { queryKeys } from './query-keys';
