interface Props {
  customerName: string;
  displayName: string;
  description: string;
  logoUrl: string;
  enabled: boolean;
}

/** Only https images are loaded, as in the hosted catalog (the console's CSP would refuse anything else). */
function httpsUrl(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** How the connector looks in the hosted catalog, updated as the fields change. */
export function CatalogCardPreview({ customerName, displayName, description, logoUrl, enabled }: Props) {
  const logo = httpsUrl(logoUrl);
  const name = displayName.trim() || 'Outlook Email';
  return (
    <figure className="preview" aria-labelledby="preview-caption">
      <figcaption id="preview-caption">Catalog preview</figcaption>
      <div className={`preview-card${enabled ? '' : ' preview-disabled'}`} data-testid="catalog-preview">
        <p className="preview-customer">{customerName}</p>
        <p className="preview-muted">Connect your accounts as Jane Doe.</p>
        <div className="preview-connector">
          {logo ? <img src={logo} alt="" className="preview-logo" /> : <span className="preview-logo preview-logo-fallback" aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>}
          <div>
            <p className="preview-name">{name}</p>
            {description.trim() && <p className="preview-muted">{description.trim()}</p>}
            <p className="preview-muted">Not connected</p>
            <span className="preview-button" aria-hidden="true">
              Connect
            </span>
          </div>
        </div>
      </div>
      {!enabled && <p className="muted small">Disabled: the catalog does not show this connector and nobody can connect.</p>}
    </figure>
  );
}
