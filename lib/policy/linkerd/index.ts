export { linkerdLayerFactory, createLinkerdLayer, readLinkerdData } from './layer';
export { findDanglingIdentities } from './dangling';
export type { LinkerdData } from './decide';
export type { LinkerdPolicies } from './parse';
export type { DefaultPolicy, LinkerdServer, LinkerdRoute, ClientAuthorization, ProxyProtocol } from './model';
