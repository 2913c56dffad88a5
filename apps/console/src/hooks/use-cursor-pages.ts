import { useCallback, useState } from 'react';

export interface CursorPages {
  /** The cursor of the page shown (undefined: the first page). */
  cursor: string | undefined;
  page: number;
  next: (nextCursor: string) => void;
  previous: () => void;
}

type Stack = Array<string | undefined>;

/**
 * Keyset pagination (nextCursor) with a way back: the cursors of the pages before are kept. A new `filterKey`
 * (other filters) starts again from the first page.
 */
export function useCursorPages(filterKey: string): CursorPages {
  const [state, setState] = useState<{ key: string; stack: Stack }>({ key: filterKey, stack: [undefined] });
  const stack = state.key === filterKey ? state.stack : [undefined];
  const current = (s: { key: string; stack: Stack }) => (s.key === filterKey ? s.stack : [undefined]);
  const next = useCallback((cursor: string) => setState((s) => ({ key: filterKey, stack: [...current(s), cursor] })), [filterKey]);
  const previous = useCallback(() => setState((s) => ({ key: filterKey, stack: current(s).length > 1 ? current(s).slice(0, -1) : current(s) })), [filterKey]);
  return { cursor: stack[stack.length - 1], page: stack.length, next, previous };
}
