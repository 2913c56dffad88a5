import type { ApiError, FieldProblem } from '../api/api-error';
import { Notice } from './notice';

/** An API failure in words: the problem's detail, and field errors that have no input of their own on the page. */
export function ProblemAlert({ error, unplaced, id }: { error: ApiError | null | undefined; unplaced?: FieldProblem[]; id?: string }) {
  if (!error) return null;
  // When every field error sits beside its input, the summary points there instead of repeating them.
  const allPlaced = unplaced !== undefined && unplaced.length === 0 && error.errors.length > 0;
  const shown = unplaced ?? [];
  return (
    <Notice kind="bad" title={allPlaced ? (error.errors.length === 1 ? 'A field needs a change' : 'Some fields need a change') : error.title} id={id}>
      {allPlaced ? <p>See the message beside each field below; nothing was changed.</p> : error.detail && error.detail !== error.title && <p>{error.detail}</p>}
      {shown.length > 0 && (
        <ul className="problem-list">
          {shown.map((p, i) => (
            <li key={`${p.field}-${i}`}>
              {p.field && <code>{p.field}</code>} {p.message}
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
