export interface CreateApiKeyInput {
  name?: string | null;
}
