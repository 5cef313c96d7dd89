import type { CountUnit } from './model';

const UNIT_TEXT: Record<CountUnit, [string, string]> = {
  requests: ['request', 'requests'],
  connections: ['connection', 'connections'],
  connection_attempts: ['connection attempt', 'connection attempts'],
  flows: ['flow record', 'flow records'],
};

/** The unit of an observed count in words, singular or plural: what the UI and the CLI print after a count. */
export const countUnitText = (unit: CountUnit, count: number): string => UNIT_TEXT[unit][count === 1 ? 0 : 1];

/** `1,390 requests`: one edge's observed count with its unit (an edge is not a connection: it aggregates many). */
export const countText = (count: number, unit: CountUnit): string => `${count.toLocaleString('en-US')} ${countUnitText(unit, count)}`;
