import path from 'node:path';
import type { NewSnapshot } from '../snapshots';

export const BOUTIQUE_DIR = path.join(process.cwd(), 'fixtures', 'boutique');

export const stagingSnapshot: NewSnapshot = { name: 'payments staging 2026-03', cluster: 'payments-staging', environment: 'staging' };
export const prodSnapshot: NewSnapshot = { name: 'payments prod 2026-03', cluster: 'payments-prod', environment: 'prod' };
