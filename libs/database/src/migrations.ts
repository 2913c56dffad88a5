import { Foundation1763862000000 } from '../../../migrations/1763862000000-foundation';

/** Every migration, in order. Adding a file under migrations/ means adding it here. */
export const MIGRATIONS = [Foundation1763862000000];
