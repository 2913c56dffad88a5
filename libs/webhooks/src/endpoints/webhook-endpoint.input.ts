export interface CreateWebhookEndpointInput {
  url: string;
  events?: string[];
  description?: string;
}

export interface UpdateWebhookEndpointInput {
  url?: string;
  events?: string[];
  enabled?: boolean;
  /** null clears it. */
  description?: string | null;
}
