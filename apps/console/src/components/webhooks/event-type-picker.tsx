import type { WebhookEventType } from '../../api/types';
import { FieldError } from '../field';
import { WEBHOOK_EVENT_GROUPS } from '../../lib/webhook-event-types';

/** Checkboxes for the event types an endpoint receives, grouped by what they are about. */
export function EventTypePicker({ id, value, onChange, error }: { id: string; value: WebhookEventType[]; onChange: (next: WebhookEventType[]) => void; error?: string }) {
  const toggle = (type: WebhookEventType, on: boolean) => onChange(on ? [...value, type] : value.filter((t) => t !== type));
  return (
    <fieldset id={id} className="webhook-events" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Events</legend>
      <div className="webhook-event-groups">
        {WEBHOOK_EVENT_GROUPS.map((group) => (
          <div key={group.label} className="webhook-event-group">
            <p className="small muted">{group.label}</p>
            {group.types.map((type) => (
              <label key={type} className="webhook-event">
                <input type="checkbox" name="events" value={type} checked={value.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
                <code>{type}</code>
              </label>
            ))}
          </div>
        ))}
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
