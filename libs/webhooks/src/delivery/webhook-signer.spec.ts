import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { WebhookSigner } from './webhook-signer';

const secret = () => `whsec_${randomBytes(24).toString('base64')}`;

describe('WebhookSigner', () => {
  const body = JSON.stringify({ id: 'evt_0123', type: 'webhook.test', data: { a: 1 } });
  const at = new Date();

  it('signs with Standard Webhooks headers that verify', () => {
    const s = secret();
    const headers = new WebhookSigner().sign('evt_0123', at, body, { current: s });
    expect(headers['webhook-id']).toBe('evt_0123');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(s).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret()).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(s).verify(body + ' ', { ...headers })).toThrow();
  });

  it('during a rotation signs with both secrets, current first', () => {
    const current = secret();
    const previous = secret();
    const headers = new WebhookSigner().sign('evt_0123', at, body, { current, previous });
    const sigs = headers['webhook-signature'].split(' ');
    expect(sigs).toHaveLength(2);
    expect(sigs[0]).toBe(new Webhook(current).sign('evt_0123', at, body));
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
  });
});
