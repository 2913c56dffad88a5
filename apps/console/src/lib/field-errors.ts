import type { ApiError, FieldProblem } from '../api/api-error';

/** The API's field errors by form field, so each message can sit beside its input. */
export class FieldErrors {
  private readonly placed = new Set<FieldProblem>();

  constructor(private readonly problems: FieldProblem[]) {}

  static of(error: ApiError | null | undefined): FieldErrors {
    return new FieldErrors(error?.errors ?? []);
  }

  /**
   * Messages for one form field. Matches the exact path, its items ("scopes.2") and a nested path whose last part is
   * the name ("catalog.displayName" for "displayName").
   */
  for(name: string): string | undefined {
    const hits = this.problems.filter((p) => p.field === name || p.field.startsWith(`${name}.`) || p.field.endsWith(`.${name}`));
    hits.forEach((p) => this.placed.add(p));
    if (hits.length === 0) return undefined;
    return [...new Set(hits.map((p) => p.message))].join(' ');
  }

  get any(): boolean {
    return this.problems.length > 0;
  }

  /** Field errors no input claimed (call after rendering the fields): shown in the form's summary. */
  unplaced(names: string[]): FieldProblem[] {
    names.forEach((n) => this.for(n));
    return this.problems.filter((p) => !this.placed.has(p));
  }

  /** The first field with an error, in form order, to move focus to. */
  first(order: string[]): string | undefined {
    return order.find((n) => this.problems.some((p) => p.field === n || p.field.startsWith(`${n}.`) || p.field.endsWith(`.${n}`)));
  }
}
