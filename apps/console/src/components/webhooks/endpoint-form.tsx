import { FormEvent, useState } from 'react';
import { ApiError, isApiError } from '../../api/api-error';
import type { WebhookEndpointInput, WebhookEventType } from '../../api/types';
import { ALL_WEBHOOK_EVENT_TYPES } from '../../lib/webhook-event-types';
import { FieldErrors } from '../../lib/field-errors';
import { Field } from '../field';
import { ProblemAlert } from '../problem-alert';
import { EventTypePicker } from './event-type-picker';

interface Props {
  idPrefix: string;
  initial?: { url: string; description: string | null; events: string[] };
  submitLabel: string;
  busyLabel: string;
  onSubmit: (input: WebhookEndpointInput) => Promise<void>;
}

/** URL, description and event types: creating an endpoint and editing one use the same form. */
export function EndpointForm({ idPrefix, initial, submitLabel, busyLabel, onSubmit }: Props) {
  const [url, setUrl] = useState(initial?.url ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [events, setEvents] = useState<WebhookEventType[]>((initial?.events as WebhookEventType[] | undefined) ?? ALL_WEBHOOK_EVENT_TYPES);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ url: url.trim(), description: description.trim() || null, events });
      if (!initial) {
        setUrl('');
        setDescription('');
        setEvents(ALL_WEBHOOK_EVENT_TYPES);
      }
    } catch (e) {
      setError(isApiError(e) ? e : ApiError.network());
    } finally {
      setBusy(false);
    }
  }

  const fields = FieldErrors.of(error);
  const urlError = fields.for('url');
  const descriptionError = fields.for('description');
  const eventsError = fields.for('events');
  return (
    <form onSubmit={submit} noValidate className="webhook-form">
      <ProblemAlert error={error} unplaced={fields.unplaced(['url', 'description', 'events'])} />
      <Field id={`${idPrefix}-url`} label="URL" hint="Where Latchkey POSTs events: a public https:// address." error={urlError}>
        {(p) => <input {...p} type="url" name="url" required maxLength={2048} placeholder="https://example.com/webhooks/latchkey" value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>
      <Field id={`${idPrefix}-description`} label="Description" hint="Optional, e.g. “Production backend”." error={descriptionError}>
        {(p) => <input {...p} type="text" name="description" maxLength={200} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <EventTypePicker id={`${idPrefix}-events`} value={events} onChange={setEvents} error={eventsError} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </form>
  );
}
