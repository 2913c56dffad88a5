import { DomainError } from '@app/common';
import { parseGraphPath } from './graph-path';

const refusal = (raw: string): string | null => {
  try {
    parseGraphPath(raw);
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'thrown';
  }
};

describe('parseGraphPath', () => {
  it.each([
    ['v1.0/me/messages?$top=5&$select=subject', '/v1.0/me/messages', '?$top=5&$select=subject', 'v1.0/me/messages'],
    ['beta/me', '/beta/me', '', 'beta/me'],
    ['v1.0/me/messages/AAMkAGI2TG93AAA=/attachments', '/v1.0/me/messages/AAMkAGI2TG93AAA=/attachments', '', 'v1.0/me/messages/{id}/attachments'],
    ["v1.0/me/mailFolders('Inbox')/messages/delta", "/v1.0/me/mailFolders('Inbox')/messages/delta", '', 'v1.0/me/mailFolders({id})/messages/delta'],
    ['v1.0/users/jane@contoso.com/messages/AAMkAGRlNTE3/$value', '/v1.0/users/jane@contoso.com/messages/AAMkAGRlNTE3/$value', '', 'v1.0/users/{id}/messages/{id}/$value'],
    ['v1.0/me/mailFolders/My%20Folder', '/v1.0/me/mailFolders/My%20Folder', '', 'v1.0/me/mailFolders/{id}'],
    ['v1.0/subscriptions/6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f', '/v1.0/subscriptions/6c1f5d0e-2b3a-4c4d-8e5f-6a7b8c9d0e1f', '', 'v1.0/subscriptions/{id}'],
  ])('accepts %s', (raw, path, query, template) => {
    expect(parseGraphPath(raw)).toEqual({ path, query, template });
  });

  it.each([
    '',
    'me/messages',
    'v2.0/me',
    'v1.0',
    'v1.0/../v1.0/me',
    'v1.0/me/..',
    'v1.0/./me',
    'v1.0/%2e%2e/admin',
    'v1.0/%2E%2E/admin',
    'v1.0/me%2f..%2fadmin',
    'v1.0/me%2Fmessages',
    'v1.0/me%5c..',
    'v1.0/%252e%252e/admin',
    'v1.0/me\\..\\admin',
    'v1.0//evil.example/x',
    '//evil.example/v1.0/me',
    'http://evil.example/v1.0/me',
    'https:/evil.example',
    'v1.0/me#frag',
    'v1.0/me/<script>',
    `v1.0/${'a'.repeat(2050)}`,
    'v1.0/..;/admin',
    'v1.0/me/..;x=1',
    'v1.0/.;/me',
    'v1.0/%EF%BC%8E%EF%BC%8E/admin',
    'v1.0/%E2%80%A5/admin',
    'v1.0/%E2%80%A4%E2%80%A4/admin',
    'v1.0/me%EF%BC%8F..%EF%BC%8Fadmin',
    'v1.0/me%EF%BC%BC..',
  ])('refuses %j', (raw) => {
    expect(refusal(raw)).toBe('GRAPH_PATH_NOT_ALLOWED');
  });

  it.each(['v1.0/me/%00', 'v1.0/me/%0d%0aHost:%20evil', 'v1.0/me messages', 'v1.0/me/%zz', 'v1.0/me/%ED%A0%80', 'v1.0/me?x=\u0000'])('refuses %j as malformed, naming path', (raw) => {
    expect(refusal(raw)).toBe('VALIDATION_FAILED');
  });
});
