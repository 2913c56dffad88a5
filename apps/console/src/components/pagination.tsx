interface PaginationProps {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  label: string;
}

export function Pagination({ page, hasPrevious, hasNext, onPrevious, onNext, label }: PaginationProps) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pagination" aria-label={`${label} pages`}>
      <button type="button" className="button button-secondary" onClick={onPrevious} disabled={!hasPrevious}>
        ← Newer
      </button>
      <span className="pagination-page">Page {page}</span>
      <button type="button" className="button button-secondary" onClick={onNext} disabled={!hasNext}>
        Older →
      </button>
    </nav>
  );
}
