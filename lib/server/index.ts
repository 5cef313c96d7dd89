export { handle } from './handle';
export { HttpError } from './http-error';
export { parseJsonBody, parseParams } from './parse-request';
export { toErrorResponse, toApiError, STATUS } from './to-error-response';
export { toSnapshotJson, toSnapshotWithCountsJson } from './to-json';
export { toCrownJewelNames } from './crown-jewel-tags';
export { sensitivityRulesFromEnv } from './sensitivity-rules';
export { getClassifiedGraph, defaultGraphJson, explainGraphEdge, graphNodePolicies, graphRules } from './classified-graph';
