export { buildInventory, isInventoryKind } from './build';
export { findPods, resolveEndpointName, type ResolvedEndpoint, type ResolveResult } from './resolve';
export { podsOfService, targetPortOn } from './service-pods';
