export * from './json';
export * from './tri';
export * from './membership';
export * from './principal';
export * from './protocol';
export * from './endpoints';
export * from './request';
export * from './cidr';
