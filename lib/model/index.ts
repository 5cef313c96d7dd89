export * from './diagnostics';
export * from './source';
export * from './kubernetes';
export * from './identity';
export * from './verdict';
