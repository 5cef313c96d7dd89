export * from './model';
export { importTraffic, type ImportTrafficOptions } from './import-traffic';
export { detectFormat } from './detect';
export { FORMAT_DESCRIPTIONS } from './formats/registry';
export { renderEdgesCsv, renderEdgesJsonl } from './render-edges';
export { pathTemplate } from './aggregate/path-template';
export { createTrafficResolver, type TrafficResolver, type PeerResolution } from './resolve/resolver';
export type { TrafficInput } from './io/to-chunks';
