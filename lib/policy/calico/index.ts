export { calicoLayerFactory, createCalicoLayer, type CalicoLayer } from './layer';
export { CalicoModel } from './model';
export { isCalicoObject, isCalicoPolicy, parseCalicoPolicy } from './parse';
export { decideCalico } from './decide';
