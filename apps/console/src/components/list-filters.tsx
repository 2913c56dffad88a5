interface FilterOption {
  value: string;
  label: string;
}

interface Props {
  /** Prefix of the inputs' ids, e.g. "connections" gives #connections-search and #connections-status. */
  idPrefix: string;
  search: string;
  onSearch: (value: string) => void;
  searchPlaceholder: string;
  statusLabel: string;
  statuses: FilterOption[];
  status: string;
  onStatus: (value: string) => void;
}

/** The search box and status filter above a list (connections, connect attempts). */
export function ListFilters({ idPrefix, search, onSearch, searchPlaceholder, statusLabel, statuses, status, onStatus }: Props) {
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${idPrefix}-search`}>Search</label>
        <input id={`${idPrefix}-search`} type="search" placeholder={searchPlaceholder} value={search} onChange={(e) => onSearch(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-status`}>{statusLabel}</label>
        <select id={`${idPrefix}-status`} value={status} onChange={(e) => onStatus(e.target.value)}>
          {statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
