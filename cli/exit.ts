/** Exit codes shared by all commands: 0 = answered, 2 = bad input (invalid files, unknown names). */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

/** Thrown for bad input; the message is printed as-is on stderr (`file:line: reason`). */
export class InputError extends Error {}
