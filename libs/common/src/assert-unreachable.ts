/**
 * The default branch of an exhaustive `switch` over a discriminated union: a new member that a switch does not
 * handle fails to compile there (it is not `never`), and reaching this at run time is a bug.
 */
export function assertUnreachable(value: never): never {
  throw new Error(`Unreachable: ${JSON.stringify(value)}`);
}
