import type { Prisma } from './generated/client';

/** A Prisma client or an interactive transaction: write helpers take either, so callers can compose them in one transaction. */
export type Tx = Prisma.TransactionClient;

/** Generous limits: a large snapshot writes tens of thousands of rows in one transaction. */
export const LONG_TRANSACTION = { maxWait: 10_000, timeout: 10 * 60_000 } as const;
