export { parseSelectorExpr, type ParseResult } from './parse';
export { evaluateSelector, formatSelectorExpr, mentionsGlobal, type SelectorExpr } from './ast';
