import { Webhook } from 'standardwebhooks';
import { webhooks, WebhookVerificationError } from './webhooks';

describe('webhooks.verify', () => {
  const secret = `whsec_${Buffer.alloc(24, 7).toString('base64')}`;
  const event = { id: 'evt_1', type: 'connection.created', createdAt: '2026-12-07T09:00:00.000Z', data: { connection: { id: 'c1' } } };
  const body = JSON.stringify(event);

  function signed(at = new Date()) {
    const timestamp = Math.floor(at.getTime() / 1000);
    const signature = new Webhook(secret).sign(event.id, at, body);
    return { 'webhook-id': event.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
  }

  it('answers the typed event for a good signature, from Node headers, fetch Headers or a Buffer body', () => {
    expect(webhooks.verify(body, signed(), secret)).toEqual(event);
    expect(webhooks.verify(Buffer.from(body), new Headers(signed()), secret).type).toBe('connection.created');
    const upper = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toUpperCase(), v]));
    expect(webhooks.verify(body, upper, secret).id).toBe('evt_1');
  });

  it('accepts either of two signatures (a secret rotation)', () => {
    const other = new Webhook(`whsec_${Buffer.alloc(24, 9).toString('base64')}`).sign(event.id, new Date(), body);
    const headers = signed();
    headers['webhook-signature'] = `${other} ${headers['webhook-signature']}`;
    expect(webhooks.verify(body, headers, secret).id).toBe('evt_1');
  });

  it('throws for a changed body, a wrong secret, an old timestamp or missing headers', () => {
    expect(() => webhooks.verify(body.replace('c1', 'c2'), signed(), secret)).toThrow(WebhookVerificationError);
    expect(() => webhooks.verify(body, signed(), `whsec_${Buffer.alloc(24, 8).toString('base64')}`)).toThrow(WebhookVerificationError);
    expect(() => webhooks.verify(body, signed(new Date(Date.now() - 10 * 60_000)), secret)).toThrow(WebhookVerificationError);
    expect(() => webhooks.verify(body, {}, secret)).toThrow(WebhookVerificationError);
  });
});
