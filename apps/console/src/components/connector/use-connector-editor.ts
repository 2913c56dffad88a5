import { FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/api-client';
import { ApiError, isApiError } from '../../api/api-error';
import type { ConnectorView } from '../../api/types';
import { CONNECTOR_FIELD_ORDER, ConnectorForm, formFromView, updateFromForm } from '../../lib/connector-form';
import { FieldErrors } from '../../lib/field-errors';
import type { SetConnectorField } from './connector-section';

export const CONNECTOR_PATH = '/v1/connectors/outlook-email';

function focusField(name: string) {
  const el = document.getElementById(name);
  if (!el) return;
  const target = el instanceof HTMLFieldSetElement ? el.querySelector<HTMLElement>('input:not([aria-disabled="true"]), select, textarea') : el;
  (target ?? el).focus();
}

/**
 * The connector form's state: the saved view, the edits, and the last save's outcome. A refused save moves focus to
 * the first field the API named (or to the problem summary) once the messages are on the page.
 */
export function useConnectorEditor(initial: ConnectorView) {
  const [view, setView] = useState(initial);
  const [form, setForm] = useState<ConnectorForm>(() => formFromView(initial));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);

  const set: SetConnectorField = (key, value) => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    if (focusTarget) {
      focusField(focusTarget);
      setFocusTarget(null);
    }
  }, [focusTarget]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setSavedAt(null);
    try {
      const next = await api.put<ConnectorView>(CONNECTOR_PATH, updateFromForm(form));
      setView(next);
      setForm(formFromView(next));
      setSavedAt(new Date().toISOString());
    } catch (e) {
      const problem = isApiError(e) ? e : ApiError.network();
      setError(problem);
      setFocusTarget(FieldErrors.of(problem).first([...CONNECTOR_FIELD_ORDER]) ?? 'connector-problem');
    } finally {
      setSaving(false);
    }
  }

  return { view, form, set, error, saving, saved: savedAt !== null, save };
}
