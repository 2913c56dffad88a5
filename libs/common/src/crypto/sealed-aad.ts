/**
 * Associated data that binds each sealed value to its row and column, so a ciphertext copied to another row or column
 * does not open. One home for every builder: the writers, the readers and key rotation's re-sealing use the same strings.
 */
export function clientSecretAad(customerId: string, connectorId: string): string {
  return `customer:${customerId}:connector:${connectorId}:client_secret`;
}

export function tokenAad(customerId: string, connectionId: string, kind: 'access_token' | 'refresh_token'): string {
  return `customer:${customerId}:connection:${connectionId}:${kind}`;
}

export function oauthStateAad(stateId: string, column: 'session_token' | 'code_verifier'): string {
  return `oauth_state:${stateId}:${column}`;
}

export function webhookSecretAad(customerId: string, endpointId: string, column: 'secret' | 'previous_secret'): string {
  return `customer:${customerId}:webhook_endpoint:${endpointId}:${column}`;
}
