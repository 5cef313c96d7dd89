export { parseManifestText } from './parse';
export { loadManifestPaths } from './load';
