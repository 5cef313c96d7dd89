import { Prisma } from './generated/client';

/**
 * lib/model types are interfaces without index signatures, which Prisma's JSON input type does not
 * accept; they are plain JSON data, so this is the one cast at the boundary.
 */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

/** A nullable Json column: `null` is stored as SQL NULL. */
export function toNullableJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

/** Reading back what lib/db wrote: the column holds the model type's JSON. */
export function fromJson<T>(value: Prisma.JsonValue | null): T {
  return value as unknown as T;
}
