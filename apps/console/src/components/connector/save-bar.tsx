import { Link } from 'react-router';

interface Props {
  saving: boolean;
  configured: boolean;
  saved: boolean;
  failed: boolean;
  dirty: boolean;
}

/** The submit button and what happened to the last save (announced to screen readers). */
export function SaveBar({ saving, configured, saved, failed, dirty }: Props) {
  return (
    <div className="save-bar">
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : configured ? 'Save changes' : 'Save connector'}
      </button>
      <span className="save-status" role="status" aria-live="polite">
        {saved ? (
          <>
            Saved. <Link to="/try-it">Try it</Link> to check the setup end to end.
          </>
        ) : failed ? (
          'Not saved: see the messages above.'
        ) : dirty ? (
          'Unsaved changes'
        ) : (
          ''
        )}
      </span>
    </div>
  );
}
