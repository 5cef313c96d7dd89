export { istioLayerFactory, createIstioLayer, readIstioData } from './layer';
export { findDanglingPrincipals } from './dangling';
export type { IstioData } from './decide';
export type { IstioAuthorizationPolicy, IstioPeerAuthentication, IstioRule, AttributeCheck, AuthorizationAction, MtlsMode } from './model';
