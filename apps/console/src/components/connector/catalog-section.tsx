import { Field } from '../field';
import { CatalogCardPreview } from './catalog-card-preview';
import type { ConnectorSectionProps } from './connector-section';

/** How the connector looks in the hosted catalog, beside a live preview of its card. */
export function CatalogSection({ customerName, form, set, fields }: ConnectorSectionProps & { customerName: string }) {
  return (
    <section className="panel" aria-labelledby="catalog-title">
      <h2 id="catalog-title">Catalog</h2>
      <p className="hint">What your users see in the hosted catalog before they connect.</p>
      <div className="catalog-grid">
        <div>
          <Field id="displayName" label="Display name" error={fields.for('displayName')}>
            {(p) => <input {...p} type="text" name="displayName" maxLength={100} value={form.displayName} onChange={(e) => set('displayName', e.target.value)} />}
          </Field>
          <Field id="description" label="Description" hint={`${form.description.length}/500 characters`} error={fields.for('description')}>
            {(p) => <textarea {...p} name="description" rows={3} maxLength={500} value={form.description} onChange={(e) => set('description', e.target.value)} />}
          </Field>
          <Field id="logoUrl" label="Logo URL" hint="An https image, square, at least 88×88 pixels. Empty: the first letter of the name." error={fields.for('logoUrl')}>
            {(p) => <input {...p} type="url" name="logoUrl" inputMode="url" spellCheck={false} placeholder="https://" value={form.logoUrl} onChange={(e) => set('logoUrl', e.target.value)} />}
          </Field>
        </div>
        <CatalogCardPreview customerName={customerName} displayName={form.displayName} description={form.description} logoUrl={form.logoUrl} enabled={form.enabled} />
      </div>
    </section>
  );
}
