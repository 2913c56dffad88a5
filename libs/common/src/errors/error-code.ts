/**
 * Stable machine codes. Values never change once shipped; clients branch on them.
 * The HTTP status of each lives here too, so one table maps codes to statuses.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_SCOPE: 400,
  INVALID_TENANT: 400,
  DEFAULT_APP_UNAVAILABLE: 400,
  RETURN_URL_NOT_ALLOWED: 400,
  CLIENT_SECRET_REQUIRED: 400,
  CLIENT_SECRET_NOT_ALLOWED: 400,
  UNAUTHENTICATED: 401,
  INVALID_API_KEY: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONNECTOR_NOT_CONFIGURED: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  SLUG_TAKEN: 409,
  LAST_ACTIVE_KEY: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request is not valid',
  MALFORMED_JSON: 'The request body is not valid JSON',
  INVALID_SCOPE: 'A scope is not allowed',
  INVALID_TENANT: 'The tenant is not valid',
  DEFAULT_APP_UNAVAILABLE: 'The platform has no default Microsoft app',
  RETURN_URL_NOT_ALLOWED: 'The return URL is not allowed',
  CLIENT_SECRET_REQUIRED: 'A client secret is required',
  CLIENT_SECRET_NOT_ALLOWED: 'A public client has no client secret',
  UNAUTHENTICATED: 'Authentication is required',
  INVALID_API_KEY: 'The API key is not valid',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONNECTOR_NOT_CONFIGURED: 'The connector is not configured',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  CONFLICT: 'Conflict',
  SLUG_TAKEN: 'The slug is taken',
  LAST_ACTIVE_KEY: 'The last active API key cannot be revoked',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  INTERNAL_ERROR: 'Internal error',
  SERVICE_UNAVAILABLE: 'Service unavailable',
};
