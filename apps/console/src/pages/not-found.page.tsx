import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        There is no console page at this address. Go to the <Link to="/connector">Outlook Email connector</Link>.
      </p>
    </>
  );
}
