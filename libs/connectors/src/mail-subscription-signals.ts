import type { EntityManager } from 'typeorm';

/*
 * What tells the worker that a connection's mail subscription needs work: written in the transaction of the change
 * (a connection made or reconnected, deleted, the connector's settings saved), so the change and the request commit
 * together. The row's next_action_at is the schedule the worker's sweep reads from Postgres; `version` lets a sync
 * that was running meanwhile know it must run again.
 */

/**
 * A connection became active (connected, or connected again): its subscription is created if the connector has
 * notifications on, or renewed at once (which also proves it still exists at Graph). `accountChanged`: another
 * Microsoft account replaced the connection's, so the old mailbox's subscription is set aside to be deleted and a new
 * one is created for the new mailbox.
 */
export async function requestMailSubscription(em: EntityManager, customerId: string, connectorId: string, connectionId: string, accountChanged = false): Promise<void> {
  await em.query(
    `INSERT INTO mail_subscriptions (connection_id, customer_id, connector_id, status, next_action_at)
     SELECT $3, $1, k.id, 'pending', now() FROM connectors k
      WHERE k.id = $2 AND k.customer_id = $1 AND k.mail_notifications_enabled
     ON CONFLICT (connection_id) DO UPDATE
       SET next_action_at = now(), version = mail_subscriptions.version + 1, connection_gone = false, force_renewal = true, updated_at = now(),
           stale_subscription_ids = CASE WHEN $4 AND mail_subscriptions.graph_subscription_id IS NOT NULL
             THEN mail_subscriptions.stale_subscription_ids || mail_subscriptions.graph_subscription_id ELSE mail_subscriptions.stale_subscription_ids END,
           graph_subscription_id = CASE WHEN $4 THEN NULL ELSE mail_subscriptions.graph_subscription_id END,
           client_state_hash = CASE WHEN $4 THEN NULL ELSE mail_subscriptions.client_state_hash END,
           expires_at = CASE WHEN $4 THEN NULL ELSE mail_subscriptions.expires_at END,
           status = CASE WHEN $4 THEN 'pending' ELSE mail_subscriptions.status END`,
    [customerId, connectorId, connectionId, accountChanged],
  );
}

/**
 * The connector's settings changed: every active connection gets a row (when on), every existing row is re-checked
 * (the worker deletes subscriptions no longer wanted and replaces those of another folder or change types).
 */
export async function resyncConnectorMailSubscriptions(em: EntityManager, customerId: string, connectorId: string, enabled: boolean): Promise<void> {
  await em.query(
    `UPDATE mail_subscriptions SET next_action_at = now(), version = version + 1, updated_at = now() WHERE customer_id = $1 AND connector_id = $2`,
    [customerId, connectorId],
  );
  if (!enabled) return;
  await em.query(
    `INSERT INTO mail_subscriptions (connection_id, customer_id, connector_id, status, next_action_at)
     SELECT c.id, c.customer_id, c.connector_id, 'pending', now() FROM connections c
      WHERE c.customer_id = $1 AND c.connector_id = $2 AND c.status = 'active'
     ON CONFLICT (connection_id) DO NOTHING`,
    [customerId, connectorId],
  );
}

/**
 * The connection is about to be deleted (call before deleting it, in the same transaction): its subscription is
 * deleted at Graph afterwards with the last access token, copied sealed as it is (its AAD names the connection, which
 * the row keeps), since the connection's tokens go with it.
 */
export async function detachMailSubscription(em: EntityManager, customerId: string, connectionId: string): Promise<void> {
  await em.query(
    `UPDATE mail_subscriptions s
        SET connection_gone = true, cleanup_token_encrypted = c.access_token_encrypted, cleanup_token_expires_at = c.expires_at,
            next_action_at = now(), version = s.version + 1, updated_at = now()
       FROM connections c
      WHERE s.connection_id = $2 AND s.customer_id = $1 AND c.id = s.connection_id AND c.customer_id = s.customer_id`,
    [customerId, connectionId],
  );
}
