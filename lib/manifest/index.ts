export { parseManifestText } from './parse';
export { loadManifestPaths } from './load';
export { jsonElementLines } from './json-lines';
