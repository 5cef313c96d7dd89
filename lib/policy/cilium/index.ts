export { ciliumLayerFactory, createCiliumLayerFactory, createCiliumLayer, type CiliumLayer } from './layer';
export { CiliumRepository, DEFAULT_CILIUM_OPTIONS, type CiliumOptions } from './repository';
export { isCiliumPolicy, parseCiliumPolicy } from './parse';
export { decideCilium } from './decide';
