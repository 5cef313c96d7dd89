/** Node-only entry (reads files with node:fs): the CLI and server code import this, browser code imports `index.ts`. */
export * from './index';
export { readTrafficFiles, type TrafficFilesResult, type TrafficFileSummary } from './read-files';
