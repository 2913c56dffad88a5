import { toConsoleSignedInView } from './console-session.view';

describe('toConsoleSignedInView', () => {
  it('shows the member, the customer and the CSRF token, nothing of the session context', () => {
    const session = {
      customer: { id: 'c1', slug: 'acme', name: 'Acme', apiKeyId: null, memberId: 'm1' },
      member: { id: 'm1', email: 'jane@acme.example' },
    };
    expect(toConsoleSignedInView(session, 'csrf')).toEqual({
      signedIn: true,
      member: { id: 'm1', email: 'jane@acme.example' },
      customer: { id: 'c1', name: 'Acme', slug: 'acme' },
      csrfToken: 'csrf',
    });
  });
});
