export * from './diagnostics';
export * from './source';
export * from './kubernetes';
export * from './identity';
export * from './verdict';
export * from './manifest';
export * from './layer-factory';
