export function Loading({ label = 'Loading', page = false }: { label?: string; page?: boolean }) {
  return (
    <p className={page ? 'loading loading-page' : 'loading'} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </p>
  );
}
