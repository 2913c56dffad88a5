/**
 * Generated from docs/openapi.json by openapi-typescript: do not edit. Run `npm run openapi:generate`.
 */

export interface paths {
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a platform customer. The answer holds its first secret API key and, with adminEmail, a console invite link, shown only this once. */
        post: operations["CustomersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite a person to a customer's admin console (or send a member a new link to reset the password). Shown once. */
        post: operations["CustomersController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's console members: pending (invited) or active, with their last sign-in. */
        get: operations["CustomersController_listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{customerId}/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a console member: their sessions end at once and any invite link stops working. */
        delete: operations["CustomersController_removeMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (prefix, created, last used; never the key). */
        get: operations["ApiKeysController_list"];
        put?: never;
        /** Create a secret API key. The key is in the answer once and never again. */
        post: operations["ApiKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key. It is refused from the next request on. */
        delete: operations["ApiKeysController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/outlook-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Outlook Email connector, with the exact callback URL to register in Azure. Before the first save it shows the defaults (configured: false). */
        get: operations["ConnectorsController_get"];
        /** Create or update the connector. Fields left out keep their value; the client secret changes only when sent. offline_access is always added. A connector flagged misconfigured is re-checked against Microsoft (credentialCheck) before refreshes resume. */
        put: operations["ConnectorsController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scopes/outlook-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delegated Microsoft Graph permissions an Outlook Email connector can request. */
        get: operations["ScopesController_outlookEmail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The allowed return origins. */
        get: operations["SettingsController_get"];
        /** Replace the allowed return origins (connect-session returnUrl and popup postMessage targets). */
        put: operations["SettingsController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connect-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open the hosted catalog for one of your users. Answers a single-purpose token (30 minutes) and the catalog URL; open it as a page or a popup. */
        post: operations["ConnectSessionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connections, newest first, filtered by end user and status. Metadata only: tokens come from the token endpoint. */
        get: operations["ConnectionsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One connection: metadata only, never a token; with the state of its mail subscription. */
        get: operations["ConnectionsController_get"];
        put?: never;
        post?: never;
        /** Disconnect: the connection and its tokens are deleted at once. */
        delete: operations["ConnectionsController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status history of a connection, newest first: connected, needs re-authorisation (with the reason), recovered. */
        get: operations["ConnectionsController_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connect-attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every connect attempt with its outcome and, for failures, the Microsoft error explained. */
        get: operations["ConnectionsController_attemptsList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your webhook endpoints, newest first (never their secrets). */
        get: operations["WebhookEndpointsController_list"];
        put?: never;
        /** Add a webhook endpoint. The answer carries its signing secret, shown only this once. */
        post: operations["WebhookEndpointsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook endpoint, with why it is disabled when it is. */
        get: operations["WebhookEndpointsController_get"];
        put?: never;
        post?: never;
        /** Delete the endpoint: nothing more is sent to it. */
        delete: operations["WebhookEndpointsController_delete"];
        options?: never;
        head?: never;
        /** Change the URL, events, description, or enable/disable it (enabling clears a disabling). */
        patch: operations["WebhookEndpointsController_update"];
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret (shown once); the previous one keeps signing for 24 hours. */
        post: operations["WebhookEndpointsController_rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a webhook.test event now and answer how the endpoint responded. */
        post: operations["WebhookEndpointsController_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint's delivery log: every attempt, newest first. */
        get: operations["WebhookEndpointsController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your events, newest first (kept EVENT_RETENTION_DAYS), filtered by type and connection. */
        get: operations["EventsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event, as a webhook carries it. */
        get: operations["EventsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the event again: to one endpoint, or to every enabled endpoint subscribed to its type. */
        post: operations["EventsController_redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fresh access token of a connection
         * @description A Microsoft Graph access token valid for at least minValidity seconds (default 300). Answers 409 CONNECTION_NEEDS_REAUTH when the end user must reconnect, 409 CONNECTOR_MISCONFIGURED when Microsoft refuses your app, and 503 MICROSOFT_UNAVAILABLE (with Retry-After) when Microsoft is down and the stored token is no longer valid. Never an expired token.
         */
        get: operations["TokensController_byConnection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/end-users/{endUserId}/connections/outlook-email/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Fresh access token of an end user's Outlook Email connection (by your id for the user)
         * @description A Microsoft Graph access token valid for at least minValidity seconds (default 300). Answers 409 CONNECTION_NEEDS_REAUTH when the end user must reconnect, 409 CONNECTOR_MISCONFIGURED when Microsoft refuses your app, and 503 MICROSOFT_UNAVAILABLE (with Retry-After) when Microsoft is down and the stored token is no longer valid. Never an expired token.
         */
        get: operations["TokensController_byEndUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{id}/graph-calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The most recent Graph proxy calls of a connection, newest first: method, path template, status, attempts, duration, request ids. Never a body. */
        get: operations["GraphProxyController_recent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password. 5 wrong passwords in a row lock the account for 15 minutes (429 with Retry-After). */
        post: operations["ConsoleAuthController_signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/invites/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Who an invite link is for, before the password is chosen. The token goes in the body. */
        post: operations["ConsoleAuthController_lookUpInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/invites/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Choose a password (at least 12 characters) with a one-time invite token, and sign in. Ends every other session of the member. */
        post: operations["ConsoleAuthController_acceptInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/invites/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Deprecated: use POST /v1/console/invites/lookup.
         * @deprecated
         */
        get: operations["ConsoleAuthController_describeInvite"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/invites/{token}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deprecated: use POST /v1/console/invites/accept.
         * @deprecated
         */
        post: operations["ConsoleAuthController_acceptInviteInPath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in: {signedIn: true, member, customer, csrfToken} (the CSRF token goes in X-CSRF-Token), or {signedIn: false}. */
        get: operations["ConsoleAuthController_session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the console session (needs X-CSRF-Token). */
        post: operations["ConsoleAuthController_signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up. */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{id}/graph/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * GET a Microsoft Graph path through the proxy
         * @description Forwards the call to `{MICROSOFT_GRAPH_URL}/{path}` (path starting with `v1.0/` or `beta/`, query string kept) with the connection's access token, and answers as Graph did (status, headers less hop-by-hop ones and Set-Cookie, body), plus `X-Latchkey-Attempts`. Bodies stream both ways. Authorization, Cookie, Host, hop-by-hop and `X-Latchkey-*` headers are not forwarded. A 429 is retried after its Retry-After (any method), 503 and 504 for GET, HEAD, PUT and DELETE, and a 401 InvalidAuthenticationToken after one token refresh, all within `X-Latchkey-Max-Wait`; past it the last Graph answer is returned as it was. At most 4 calls per connection are in flight at Graph (the others wait in line) and at most 10,000 per 10 minutes. The proxy's own refusals are problems: 400 GRAPH_PATH_NOT_ALLOWED (traversal, another host, no version), 400 VALIDATION_FAILED (X-Latchkey-Max-Wait), the token endpoint's codes (CONNECTION_NEEDS_REAUTH...), 429 GRAPH_BUDGET_EXHAUSTED and GRAPH_CONCURRENCY_LIMITED (with Retry-After), 502 GRAPH_UNREACHABLE.
         */
        get: operations["GraphProxy_get"];
        /**
         * PUT a Microsoft Graph path through the proxy
         * @description Forwards the call to `{MICROSOFT_GRAPH_URL}/{path}` (path starting with `v1.0/` or `beta/`, query string kept) with the connection's access token, and answers as Graph did (status, headers less hop-by-hop ones and Set-Cookie, body), plus `X-Latchkey-Attempts`. Bodies stream both ways. Authorization, Cookie, Host, hop-by-hop and `X-Latchkey-*` headers are not forwarded. A 429 is retried after its Retry-After (any method), 503 and 504 for GET, HEAD, PUT and DELETE, and a 401 InvalidAuthenticationToken after one token refresh, all within `X-Latchkey-Max-Wait`; past it the last Graph answer is returned as it was. At most 4 calls per connection are in flight at Graph (the others wait in line) and at most 10,000 per 10 minutes. The proxy's own refusals are problems: 400 GRAPH_PATH_NOT_ALLOWED (traversal, another host, no version), 400 VALIDATION_FAILED (X-Latchkey-Max-Wait), the token endpoint's codes (CONNECTION_NEEDS_REAUTH...), 429 GRAPH_BUDGET_EXHAUSTED and GRAPH_CONCURRENCY_LIMITED (with Retry-After), 502 GRAPH_UNREACHABLE.
         */
        put: operations["GraphProxy_put"];
        /**
         * POST a Microsoft Graph path through the proxy
         * @description Forwards the call to `{MICROSOFT_GRAPH_URL}/{path}` (path starting with `v1.0/` or `beta/`, query string kept) with the connection's access token, and answers as Graph did (status, headers less hop-by-hop ones and Set-Cookie, body), plus `X-Latchkey-Attempts`. Bodies stream both ways. Authorization, Cookie, Host, hop-by-hop and `X-Latchkey-*` headers are not forwarded. A 429 is retried after its Retry-After (any method), 503 and 504 for GET, HEAD, PUT and DELETE, and a 401 InvalidAuthenticationToken after one token refresh, all within `X-Latchkey-Max-Wait`; past it the last Graph answer is returned as it was. At most 4 calls per connection are in flight at Graph (the others wait in line) and at most 10,000 per 10 minutes. The proxy's own refusals are problems: 400 GRAPH_PATH_NOT_ALLOWED (traversal, another host, no version), 400 VALIDATION_FAILED (X-Latchkey-Max-Wait), the token endpoint's codes (CONNECTION_NEEDS_REAUTH...), 429 GRAPH_BUDGET_EXHAUSTED and GRAPH_CONCURRENCY_LIMITED (with Retry-After), 502 GRAPH_UNREACHABLE.
         */
        post: operations["GraphProxy_post"];
        /**
         * DELETE a Microsoft Graph path through the proxy
         * @description Forwards the call to `{MICROSOFT_GRAPH_URL}/{path}` (path starting with `v1.0/` or `beta/`, query string kept) with the connection's access token, and answers as Graph did (status, headers less hop-by-hop ones and Set-Cookie, body), plus `X-Latchkey-Attempts`. Bodies stream both ways. Authorization, Cookie, Host, hop-by-hop and `X-Latchkey-*` headers are not forwarded. A 429 is retried after its Retry-After (any method), 503 and 504 for GET, HEAD, PUT and DELETE, and a 401 InvalidAuthenticationToken after one token refresh, all within `X-Latchkey-Max-Wait`; past it the last Graph answer is returned as it was. At most 4 calls per connection are in flight at Graph (the others wait in line) and at most 10,000 per 10 minutes. The proxy's own refusals are problems: 400 GRAPH_PATH_NOT_ALLOWED (traversal, another host, no version), 400 VALIDATION_FAILED (X-Latchkey-Max-Wait), the token endpoint's codes (CONNECTION_NEEDS_REAUTH...), 429 GRAPH_BUDGET_EXHAUSTED and GRAPH_CONCURRENCY_LIMITED (with Retry-After), 502 GRAPH_UNREACHABLE.
         */
        delete: operations["GraphProxy_delete"];
        options?: never;
        head?: never;
        /**
         * PATCH a Microsoft Graph path through the proxy
         * @description Forwards the call to `{MICROSOFT_GRAPH_URL}/{path}` (path starting with `v1.0/` or `beta/`, query string kept) with the connection's access token, and answers as Graph did (status, headers less hop-by-hop ones and Set-Cookie, body), plus `X-Latchkey-Attempts`. Bodies stream both ways. Authorization, Cookie, Host, hop-by-hop and `X-Latchkey-*` headers are not forwarded. A 429 is retried after its Retry-After (any method), 503 and 504 for GET, HEAD, PUT and DELETE, and a 401 InvalidAuthenticationToken after one token refresh, all within `X-Latchkey-Max-Wait`; past it the last Graph answer is returned as it was. At most 4 calls per connection are in flight at Graph (the others wait in line) and at most 10,000 per 10 minutes. The proxy's own refusals are problems: 400 GRAPH_PATH_NOT_ALLOWED (traversal, another host, no version), 400 VALIDATION_FAILED (X-Latchkey-Max-Wait), the token endpoint's codes (CONNECTION_NEEDS_REAUTH...), 429 GRAPH_BUDGET_EXHAUSTED and GRAPH_CONCURRENCY_LIMITED (with Retry-After), 502 GRAPH_UNREACHABLE.
         */
        patch: operations["GraphProxy_patch"];
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        CreateCustomerDto: {
            /** @example Acme Inc. */
            name: string;
            /**
             * @description Lowercase letters, digits and dashes, 3-40 characters. Part of the callback URL; derived from the name when absent.
             * @example acme
             */
            slug?: string;
            /**
             * Format: email
             * @description The customer's first admin console member. The answer holds a one-time invite link (7 days) to set a password.
             * @example admin@acme.example
             */
            adminEmail?: string;
        };
        ApiKeyCreatedResponse: {
            /** Format: uuid */
            id: string;
            name: string | null;
            /** @description The first characters of the key, to recognise it; never the key. */
            prefix: string;
            /** @enum {string} */
            status: "active" | "revoked";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /** @description The secret API key (lk_sk_...), in this answer only. */
            secret: string;
        };
        CustomerCreatedResponse: {
            /** Format: uuid */
            id: string;
            name: string;
            slug: string;
            /** Format: date-time */
            createdAt: string;
            apiKey: components["schemas"]["ApiKeyCreatedResponse"];
            /** @description The first console invite, with adminEmail; otherwise null. */
            invite: components["schemas"]["InviteResponse"] | (never | null);
        };
        InviteMemberDto: {
            /**
             * Format: email
             * @description A new member, or an existing one of this customer (a new link doubles as a password reset).
             * @example jane@acme.example
             */
            email: string;
        };
        InviteResponse: {
            /** Format: email */
            email: string;
            /**
             * Format: uri
             * @description The one-time console invite link, shown only this once.
             */
            url: string;
            /** Format: date-time */
            expiresAt: string;
        };
        MemberResponse: {
            /** Format: uuid */
            id: string;
            /** Format: email */
            email: string;
            /** @enum {string} */
            status: "active" | "invited";
            /**
             * Format: date-time
             * @description Set while wrong passwords keep the member locked out.
             */
            lockedUntil: string | null;
            /** Format: date-time */
            lastSignInAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        MemberListResponse: {
            data: components["schemas"]["MemberResponse"][];
        };
        ApiKeyResponse: {
            /** Format: uuid */
            id: string;
            name: string | null;
            /** @description The first characters of the key, to recognise it; never the key. */
            prefix: string;
            /** @enum {string} */
            status: "active" | "revoked";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            /** Format: date-time */
            revokedAt: string | null;
        };
        ApiKeyListResponse: {
            data: components["schemas"]["ApiKeyResponse"][];
        };
        CreateApiKeyDto: {
            /** @example production backend */
            name?: string;
        };
        ClientSecretResponse: {
            set: boolean;
            /** Format: date-time */
            updatedAt: string | null;
            /** @description The first characters of the secret, to tell secrets apart. */
            hint: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            expiresInDays: number | null;
        };
        ScopeDetailResponse: {
            name: string;
            required: boolean;
            adminConsentRequired: boolean;
            workAccountsOnly: boolean;
        };
        RedirectUriResponse: {
            /** Format: uri */
            url: string;
            /**
             * @description The Azure "Authentication" platform to add it under.
             * @enum {string}
             */
            platform: "web" | "mobile_and_desktop";
            platformLabel: string;
            /** @description false for the default app: the operator registered its callback once for everyone. */
            registrationRequired: boolean;
        };
        MailNotificationsResponse: {
            enabled: boolean;
            /** @enum {string} */
            folder: "inbox" | "all";
            changeTypes: ("created" | "updated" | "deleted")[];
            /**
             * Format: uri
             * @description Where Graph sends change notifications.
             */
            notificationUrl: string;
            /**
             * Format: uri
             * @description Where Graph sends lifecycle notifications.
             */
            lifecycleNotificationUrl: string;
        };
        ConnectorWarningResponse: {
            /** @enum {string} */
            code: "client_secret_expiring" | "client_secret_expired" | "connector_misconfigured" | "connections_missing_scopes";
            message: string;
        };
        CredentialCheckResponse: {
            /**
             * @description passed: the flag is lifted; failed: Microsoft still refuses the app (flag kept); unverified: lifted, not proven.
             * @enum {string}
             */
            result: "passed" | "failed" | "unverified";
            /** Format: uuid */
            connectionId: string | null;
            microsoftError: string | null;
            message: string;
        };
        ConnectorViewResponse: {
            /** @enum {string} */
            kind: "outlook-email";
            /** @description false until the first save: the other fields then show the defaults. */
            configured: boolean;
            /** Format: uuid */
            id: string | null;
            /** @enum {string} */
            appMode: "private" | "default";
            defaultAppAvailable: boolean;
            clientId: string | null;
            /** @enum {string} */
            clientType: "confidential" | "public";
            clientSecret: components["schemas"]["ClientSecretResponse"];
            tenant: string;
            scopes: string[];
            requiredScopes: string[];
            scopeDetails: components["schemas"]["ScopeDetailResponse"][];
            /** Format: uri */
            callbackUrl: string;
            redirectUri: components["schemas"]["RedirectUriResponse"];
            displayName: string;
            description: string | null;
            logoUrl: string | null;
            enabled: boolean;
            /** @description false: one Microsoft account per end user (a new one replaces the old); true: several. */
            multipleAccounts: boolean;
            /** @description New mail pushed as mail.message.* webhook events. */
            mailNotifications: components["schemas"]["MailNotificationsResponse"];
            warnings: components["schemas"]["ConnectorWarningResponse"][];
            /** @description Active connections to which Microsoft did not grant every scope of the connector. */
            connectionsMissingScopes: number;
            /** @description Only in the answer of a save that re-checked a flagged connector. */
            credentialCheck?: components["schemas"]["CredentialCheckResponse"];
            /** Format: date-time */
            createdAt: string | null;
            /** Format: date-time */
            updatedAt: string | null;
        };
        MailNotificationsDto: {
            /** @description Keep a Graph subscription alive for every active connection and forward its notifications as mail.message.* events. Needs Mail.ReadBasic or Mail.Read in scopes. */
            enabled?: boolean;
            /**
             * @description inbox: the Inbox folder (me/mailFolders('Inbox')/messages); all: the whole mailbox (me/messages).
             * @enum {string}
             */
            folder?: "inbox" | "all";
            /** @description Which changes are notified (default ["created"]). */
            changeTypes?: ("created" | "updated" | "deleted")[];
        };
        PutOutlookEmailConnectorDto: {
            /**
             * @description private: your own Azure app. default: the platform's app.
             * @enum {string}
             */
            appMode?: "private" | "default";
            /**
             * Format: uuid
             * @description Application (client) ID of your Azure app registration (a GUID).
             */
            clientId?: string | null;
            /** @description Client secret VALUE (not its ID). Write-only; null removes it. */
            clientSecret?: string | null;
            /**
             * @description When the secret expires in Azure (ISO 8601), so Latchkey can warn before it does.
             * @example 2027-05-01
             */
            clientSecretExpiresAt?: string | null;
            /**
             * @description confidential: Web platform + secret. public: Mobile and desktop platform, PKCE only.
             * @enum {string}
             */
            clientType?: "confidential" | "public";
            /**
             * @description common, organizations, consumers, a tenant GUID or a verified domain.
             * @example common
             */
            tenant?: string;
            /**
             * @description Delegated Graph scopes; offline_access is always added.
             * @example [
             *       "Mail.Read",
             *       "User.Read"
             *     ]
             */
            scopes?: string[];
            /**
             * @description Name shown in your catalog.
             * @example Outlook Email
             */
            displayName?: string;
            description?: string | null;
            /**
             * Format: uri
             * @description https URL of a logo shown in the catalog.
             */
            logoUrl?: string | null;
            enabled?: boolean;
            /** @description Allow one end user to connect several Microsoft accounts. Off: connecting another account replaces the previous one in the same connection. */
            multipleAccounts?: boolean;
            /** @description New mail pushed as webhook events (merged like the rest: fields left out keep their value). */
            mailNotifications?: components["schemas"]["MailNotificationsDto"];
        };
        ScopeDefinitionResponse: {
            name: string;
            /** @enum {string} */
            group: "Sign-in" | "Mail" | "Mailbox settings" | "Profile" | "Contacts" | "Calendars";
            description: string;
            adminConsentRequired: boolean;
            workAccountsOnly: boolean;
            required: boolean;
        };
        ScopeListResponse: {
            data: components["schemas"]["ScopeDefinitionResponse"][];
        };
        SettingsResponse: {
            /** @description Origins (https://host[:port]) a connect-session returnUrl and popup postMessage may target. */
            allowedReturnOrigins: string[];
        };
        PutSettingsDto: {
            /**
             * @description Origins allowed as connect-session returnUrl and as the postMessage target of the popup catalog. https (http only for localhost), no path.
             * @example [
             *       "https://app.example.com"
             *     ]
             */
            allowedReturnOrigins: string[];
        };
        EndUserDto: {
            /**
             * @description Your own id for your user. Connections are listed and fetched by it.
             * @example user_42
             */
            id: string;
            /**
             * Format: email
             * @description Shown in the catalog and passed to Microsoft as a login hint.
             * @example jane@contoso.com
             */
            email?: string;
            /** @example Jane Doe */
            displayName?: string;
        };
        CreateConnectSessionDto: {
            endUser: components["schemas"]["EndUserDto"];
            /**
             * @description Where the catalog sends the end user back when done. Its origin must be in your allowedReturnOrigins (PUT /v1/settings).
             * @example https://app.example.com/settings/integrations
             */
            returnUrl?: string;
        };
        ConnectSessionCreatedResponse: {
            /** @description Single-purpose token of the hosted catalog (30 minutes). */
            token: string;
            /**
             * Format: uri
             * @description The catalog: open it as a page or a popup.
             */
            url: string;
            /** Format: date-time */
            expiresAt: string;
            endUserId: string;
        };
        ConnectionEndUserResponse: {
            /** @description Your own id for the user. */
            id: string;
            email: string | null;
            displayName: string | null;
        };
        ConnectionAccountResponse: {
            /** @description Microsoft Entra tenant id of the account (the consumers tenant for personal accounts). */
            tenantId: string;
            objectId: string;
            label: string | null;
            displayName: string | null;
            /** @enum {string} */
            type: "personal" | "work_or_school";
        };
        ConnectionViewResponse: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            connector: "outlook-email";
            endUser: components["schemas"]["ConnectionEndUserResponse"];
            account: components["schemas"]["ConnectionAccountResponse"];
            /** @description The scopes Microsoft granted. */
            scopes: string[];
            /** @description The connector's scopes Microsoft did not grant: Graph calls needing them answer 403. */
            missingScopes: string[];
            /** @enum {string} */
            status: "active" | "needs_reauth" | "tenant_blocked" | "error";
            statusReason: string | null;
            statusCode: string | null;
            /** Format: date-time */
            tokenExpiresAt: string | null;
            /** Format: date-time */
            nextRefreshAt: string | null;
            refreshFailures: number;
            lastRefreshError: string | null;
            /** @description Token endpoint reads of this connection. */
            readCount: number;
            /** Format: date-time */
            lastRefreshedAt: string | null;
            /** Format: date-time */
            lastReadAt: string | null;
            /** Format: date-time */
            connectedAt: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ConnectionPageResponse: {
            data: components["schemas"]["ConnectionViewResponse"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        MailNotificationsStatusResponse: {
            /**
             * @description active: Graph notifies; pending: being created; paused: the connection needs the end user (resumes after a reconnect); failed: Graph refused (see lastError; retried); off: not enabled on the connector.
             * @enum {string}
             */
            status: "active" | "pending" | "paused" | "failed" | "off";
            /** @description Graph's subscription id. */
            subscriptionId: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /**
             * Format: date-time
             * @description When the last notification was accepted.
             */
            lastNotificationAt: string | null;
            lastError: string | null;
        };
        ConnectionDetailResponse: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            connector: "outlook-email";
            endUser: components["schemas"]["ConnectionEndUserResponse"];
            account: components["schemas"]["ConnectionAccountResponse"];
            /** @description The scopes Microsoft granted. */
            scopes: string[];
            /** @description The connector's scopes Microsoft did not grant: Graph calls needing them answer 403. */
            missingScopes: string[];
            /** @enum {string} */
            status: "active" | "needs_reauth" | "tenant_blocked" | "error";
            statusReason: string | null;
            statusCode: string | null;
            /** Format: date-time */
            tokenExpiresAt: string | null;
            /** Format: date-time */
            nextRefreshAt: string | null;
            refreshFailures: number;
            lastRefreshError: string | null;
            /** @description Token endpoint reads of this connection. */
            readCount: number;
            /** Format: date-time */
            lastRefreshedAt: string | null;
            /** Format: date-time */
            lastReadAt: string | null;
            /** Format: date-time */
            connectedAt: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The connection's Graph mail subscription (off unless the connector has mail notifications on). */
            mailNotifications: components["schemas"]["MailNotificationsStatusResponse"];
        };
        ConnectionEventResponse: {
            /** @description A bigint, as a string. */
            id: string;
            /** @description connected, needs_reauth, tenant_blocked, recovered... */
            status: string;
            code: string | null;
            reason: string | null;
            /** Format: date-time */
            at: string;
        };
        ConnectionEventListResponse: {
            data: components["schemas"]["ConnectionEventResponse"][];
        };
        ConnectAttemptResponse: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            connector: "outlook-email";
            endUserId: string;
            /** @enum {string} */
            status: "pending" | "connected" | "failed" | "declined" | "abandoned";
            /** @description The OAuth error (access_denied, invalid_client...) or a Latchkey code. */
            error: string | null;
            /** @description The Microsoft error code (AADSTS...). */
            errorCode: string | null;
            explanation: string | null;
            /** Format: uuid */
            connectionId: string | null;
            accountLabel: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            completedAt: string | null;
        };
        ConnectAttemptPageResponse: {
            data: components["schemas"]["ConnectAttemptResponse"][];
            /** @description Pass as `cursor` to get the next page; null on the last page. */
            nextCursor: string | null;
        };
        /**
         * @description Event types it receives (default: all).
         * @enum {string}
         */
        EventType: "connection.created" | "connection.reconnected" | "connection.needs_reauth" | "connection.recovered" | "connection.deleted" | "connector.misconfigured" | "connector.recovered" | "connector.secret_expiring" | "mail.message.created" | "mail.message.updated" | "mail.message.deleted" | "mail.sync_required" | "webhook.test";
        CreateWebhookEndpointDto: {
            /**
             * @description Where events are POSTed: https (plain http only outside production).
             * @example https://app.example.com/webhooks/latchkey
             */
            url: string;
            /** @description Event types it receives (default: all). */
            events?: components["schemas"]["EventType"][];
            /** @example Production receiver */
            description?: string;
        };
        WebhookEndpointCreatedResponse: {
            /** Format: uuid */
            id: string;
            url: string;
            events: string[];
            description: string | null;
            enabled: boolean;
            /** @description `disabled_by_customer`, `gone` (the endpoint answered 410) or `failing`. */
            disabledCode: string | null;
            disabledReason: string | null;
            /** Format: date-time */
            disabledAt: string | null;
            /**
             * Format: date-time
             * @description The first failed attempt since the last success.
             */
            failingSince: string | null;
            /**
             * Format: date-time
             * @description Until when the secret before the last rotation also signs.
             */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The signing secret (`whsec_`...). Shown only here and by rotate-secret: store it now. */
            secret: string;
        };
        WebhookEndpointResponse: {
            /** Format: uuid */
            id: string;
            url: string;
            events: string[];
            description: string | null;
            enabled: boolean;
            /** @description `disabled_by_customer`, `gone` (the endpoint answered 410) or `failing`. */
            disabledCode: string | null;
            disabledReason: string | null;
            /** Format: date-time */
            disabledAt: string | null;
            /**
             * Format: date-time
             * @description The first failed attempt since the last success.
             */
            failingSince: string | null;
            /**
             * Format: date-time
             * @description Until when the secret before the last rotation also signs.
             */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        WebhookEndpointListResponse: {
            data: components["schemas"]["WebhookEndpointResponse"][];
        };
        UpdateWebhookEndpointDto: {
            /**
             * @description Where events are POSTed: https (plain http only outside production).
             * @example https://app.example.com/webhooks/latchkey
             */
            url?: string;
            /** @description Event types it receives (default: all). */
            events?: components["schemas"]["EventType"][];
            /** @description false stops deliveries (disabledCode disabled_by_customer); true clears a disabling. */
            enabled?: boolean;
            /** @description null clears it. */
            description?: string | null;
        };
        WebhookSecretResponse: {
            /** @description The new signing secret; the previous one also signs for 24 hours. */
            secret: string;
        };
        WebhookAttemptResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            deliveryId: string;
            /** @example evt_0f8e2d3c4b5a69788796a5b4c3d2e1f0 */
            eventId: string;
            eventType: string;
            attempt: number;
            /** @enum {string} */
            status: "succeeded" | "failed";
            httpStatus: number | null;
            /** @description `timeout`, `connection_refused`, `address_not_allowed`, `http_status`... */
            error: string | null;
            durationMs: number;
            /** @description The first 1 KB of the answer. */
            responseBody: string | null;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** Format: date-time */
            attemptedAt: string;
        };
        WebhookTestResponse: {
            delivered: boolean;
            attempt: components["schemas"]["WebhookAttemptResponse"] | null;
        };
        WebhookAttemptPageResponse: {
            data: components["schemas"]["WebhookAttemptResponse"][];
            nextCursor: string | null;
        };
        EventResponse: {
            /** @example evt_0f8e2d3c4b5a69788796a5b4c3d2e1f0 */
            id: string;
            type: string;
            /** Format: date-time */
            createdAt: string;
            data: {
                [key: string]: unknown;
            };
        };
        EventPageResponse: {
            data: components["schemas"]["EventResponse"][];
            nextCursor: string | null;
        };
        RedeliverEventDto: {
            /**
             * Format: uuid
             * @description Only to this endpoint (default: every enabled endpoint subscribed to the type)
             */
            endpointId?: string;
        };
        RedeliveryResponse: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            endpointId: string;
        };
        RedeliverResponse: {
            deliveries: components["schemas"]["RedeliveryResponse"][];
        };
        TokenAccountResponse: {
            label: string | null;
            tenantId: string;
            objectId: string;
        };
        TokenAnswerResponse: {
            /** @description A Microsoft Graph access token. Never logged; do not cache it past expiresAt. */
            accessToken: string;
            /** @enum {string} */
            tokenType: "Bearer";
            /** Format: date-time */
            expiresAt: string;
            /** @description Seconds until expiresAt, at least minValidity. */
            expiresIn: number;
            scopes: string[];
            /** Format: uuid */
            connectionId: string;
            endUserId: string;
            account: components["schemas"]["TokenAccountResponse"];
        };
        GraphCallResponse: {
            /**
             * Format: date-time
             * @description When the call arrived.
             */
            at: string;
            /** @example GET */
            method: string;
            /**
             * @description The Graph path template: ids, keys and the query left out.
             * @example v1.0/me/messages/{id}
             */
            path: string;
            /** @description The status answered: Graph's, or the proxy's own refusal. */
            status: number;
            /** @description Requests sent to Graph for this call (retries included); 0 when refused before Graph. */
            attempts: number;
            /** @description From arrival to the last byte answered, waits and retries included. */
            durationMs: number;
            /** @description Graph's request-id of the last attempt (for Microsoft support). */
            graphRequestId: string | null;
            /** @description Latchkey's X-Request-Id of the call. */
            requestId: string;
        };
        GraphCallListResponse: {
            /** @description The most recent calls, newest first (at most 50). */
            data: components["schemas"]["GraphCallResponse"][];
        };
        ConsoleMemberResponse: {
            /** Format: uuid */
            id: string;
            /** Format: email */
            email: string;
        };
        ConsoleCustomerResponse: {
            /** Format: uuid */
            id: string;
            name: string;
            slug: string;
        };
        ConsoleSignedInResponse: {
            /** @enum {boolean} */
            signedIn: true;
            member: components["schemas"]["ConsoleMemberResponse"];
            customer: components["schemas"]["ConsoleCustomerResponse"];
            /** @description Send it in X-CSRF-Token on state-changing requests. */
            csrfToken: string;
        };
        ConsoleSignedOutResponse: {
            /** @enum {boolean} */
            signedIn: false;
        };
        SignInDto: {
            /**
             * Format: email
             * @example admin@acme.example
             */
            email: string;
            /** Format: password */
            password: string;
        };
        InviteTokenDto: {
            /**
             * @description The token from the invite link (after #token=).
             * @example lk_inv_…
             */
            token: string;
        };
        InviteDescriptionResponse: {
            /** Format: email */
            email: string;
            customerName: string;
            /** Format: date-time */
            expiresAt: string;
        };
        AcceptInviteWithTokenDto: {
            /**
             * Format: password
             * @description At least 12 characters; a passphrase is best.
             */
            password: string;
            /**
             * @description The token from the invite link (after #token=).
             * @example lk_inv_…
             */
            token: string;
        };
        AcceptInviteDto: {
            /**
             * Format: password
             * @description At least 12 characters; a passphrase is best.
             */
            password: string;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @enum {string} */
            code: "VALIDATION_FAILED" | "MALFORMED_JSON" | "INVALID_SCOPE" | "INVALID_TENANT" | "DEFAULT_APP_UNAVAILABLE" | "RETURN_URL_NOT_ALLOWED" | "CLIENT_SECRET_REQUIRED" | "CLIENT_SECRET_NOT_ALLOWED" | "GRAPH_PATH_NOT_ALLOWED" | "UNAUTHENTICATED" | "INVALID_API_KEY" | "INVALID_CREDENTIALS" | "SESSION_EXPIRED" | "FORBIDDEN" | "CSRF_TOKEN_INVALID" | "CROSS_ORIGIN_REQUEST" | "NOT_FOUND" | "CONNECTOR_NOT_CONFIGURED" | "INVITE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "WEBHOOK_URL_NOT_ALLOWED" | "WEBHOOK_ENDPOINT_LIMIT" | "UNKNOWN_EVENT_TYPE" | "MAIL_SCOPE_REQUIRED" | "MAIL_NOTIFICATIONS_UNAVAILABLE" | "CONFLICT" | "WEBHOOK_ENDPOINT_DISABLED" | "SLUG_TAKEN" | "LAST_ACTIVE_KEY" | "CONNECTION_NEEDS_REAUTH" | "CONNECTION_TENANT_BLOCKED" | "CONNECTOR_MISCONFIGURED" | "AMBIGUOUS_CONNECTION" | "EMAIL_TAKEN" | "REQUEST_TIMEOUT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "REQUEST_HEADERS_TOO_LARGE" | "RATE_LIMITED" | "TOO_MANY_SIGN_IN_ATTEMPTS" | "GRAPH_BUDGET_EXHAUSTED" | "GRAPH_CONCURRENCY_LIMITED" | "INTERNAL_ERROR" | "GRAPH_UNREACHABLE" | "SERVICE_UNAVAILABLE" | "MICROSOFT_UNAVAILABLE" | "ENCRYPTION_KEY_UNAVAILABLE";
            instance?: string;
            requestId?: string;
            errorId?: string;
            errors?: {
                field: string;
                code: string;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    CustomersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCustomerDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerCreatedResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    CustomersController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteMemberDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    CustomersController_listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberListResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    CustomersController_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customerId: string;
                memberId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiKeysController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyListResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiKeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreatedResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ApiKeysController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConnectorsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorViewResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConnectorsController_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutOutlookEmailConnectorDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorViewResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ScopesController_outlookEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScopeListResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    SettingsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    SettingsController_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutSettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConnectSessionsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConnectSessionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectSessionCreatedResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConnectionsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Only this end user (your id for them) */
                endUserId?: string;
                /** @description Case-insensitive substring of the end user's id (or email), or of the Microsoft account */
                search?: string;
                status?: "active" | "needs_reauth" | "tenant_blocked" | "error";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionPageResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConnectionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionDetailResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConnectionsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConnectionsController_events: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionEventListResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConnectionsController_attemptsList: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Only this end user (your id for them) */
                endUserId?: string;
                /** @description Case-insensitive substring of the end user's id (or email), or of the Microsoft account */
                search?: string;
                status?: "pending" | "connected" | "failed" | "declined" | "abandoned";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectAttemptPageResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    WebhookEndpointsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointListResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    WebhookEndpointsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointCreatedResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    WebhookEndpointsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    WebhookEndpointsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    WebhookEndpointsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpointDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    WebhookEndpointsController_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecretResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    WebhookEndpointsController_test: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookTestResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    WebhookEndpointsController_deliveries: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                status?: "succeeded" | "failed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAttemptPageResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    EventsController_list: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Only this event type */
                type?: string;
                /** @description Only events about this connection */
                connectionId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPageResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    EventsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    EventsController_redeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RedeliverEventDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedeliverResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    TokensController_byConnection: {
        parameters: {
            query?: {
                /** @description Seconds the returned token must stay valid. A stored token with less left is refreshed first. */
                minValidity?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenAnswerResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    TokensController_byEndUser: {
        parameters: {
            query?: {
                /** @description Seconds the returned token must stay valid. A stored token with less left is refreshed first. */
                minValidity?: number;
            };
            header?: never;
            path: {
                endUserId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenAnswerResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GraphProxyController_recent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GraphCallListResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConsoleAuthController_signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSignedInResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConsoleAuthController_lookUpInvite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteTokenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteDescriptionResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConsoleAuthController_acceptInvite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInviteWithTokenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSignedInResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConsoleAuthController_describeInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InviteDescriptionResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConsoleAuthController_acceptInviteInPath: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInviteDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSignedInResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConsoleAuthController_session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSignedInResponse"] | components["schemas"]["ConsoleSignedOutResponse"];
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ConsoleAuthController_signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out; the session cookie is cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example ok
                         * @enum {string}
                         */
                        status?: "ok" | "degraded";
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description The Health Check is not successful */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example error
                         * @enum {string}
                         */
                        status?: "error" | "shutting_down";
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect",
                         *         "responseTime": 3005
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up",
                         *         "responseTime": 12
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect",
                         *         "responseTime": 3005
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                /** @enum {string} */
                                status: "up" | "degraded" | "down";
                                /** @description Time the health indicator took to respond, in ms */
                                responseTime?: number;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                    };
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GraphProxy_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Seconds the proxy may spend waiting (for a slot, Retry-After, backoff) before it returns the last answer. */
                "X-Latchkey-Max-Wait"?: number;
            };
            path: {
                /** @description The connection. */
                id: string;
                /**
                 * @description A Graph path such as v1.0/me/messages (it may contain slashes).
                 * @example v1.0/me/messages
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Graph's answer as Graph sent it (any status and content type; JSON for most calls), with `X-Latchkey-Attempts` and Graph's `request-id`. */
            200: {
                headers: {
                    /** @description Requests sent to Graph for this call, retries included. */
                    "X-Latchkey-Attempts"?: number;
                    /** @description Graph's request id of the last attempt. */
                    "request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GraphProxy_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description Seconds the proxy may spend waiting (for a slot, Retry-After, backoff) before it returns the last answer. */
                "X-Latchkey-Max-Wait"?: number;
            };
            path: {
                /** @description The connection. */
                id: string;
                /**
                 * @description A Graph path such as v1.0/me/messages (it may contain slashes).
                 * @example v1.0/me/messages
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Graph's answer as Graph sent it (any status and content type; JSON for most calls), with `X-Latchkey-Attempts` and Graph's `request-id`. */
            200: {
                headers: {
                    /** @description Requests sent to Graph for this call, retries included. */
                    "X-Latchkey-Attempts"?: number;
                    /** @description Graph's request id of the last attempt. */
                    "request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GraphProxy_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Seconds the proxy may spend waiting (for a slot, Retry-After, backoff) before it returns the last answer. */
                "X-Latchkey-Max-Wait"?: number;
            };
            path: {
                /** @description The connection. */
                id: string;
                /**
                 * @description A Graph path such as v1.0/me/messages (it may contain slashes).
                 * @example v1.0/me/messages
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Graph's answer as Graph sent it (any status and content type; JSON for most calls), with `X-Latchkey-Attempts` and Graph's `request-id`. */
            200: {
                headers: {
                    /** @description Requests sent to Graph for this call, retries included. */
                    "X-Latchkey-Attempts"?: number;
                    /** @description Graph's request id of the last attempt. */
                    "request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GraphProxy_delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description Seconds the proxy may spend waiting (for a slot, Retry-After, backoff) before it returns the last answer. */
                "X-Latchkey-Max-Wait"?: number;
            };
            path: {
                /** @description The connection. */
                id: string;
                /**
                 * @description A Graph path such as v1.0/me/messages (it may contain slashes).
                 * @example v1.0/me/messages
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Graph's answer as Graph sent it (any status and content type; JSON for most calls), with `X-Latchkey-Attempts` and Graph's `request-id`. */
            200: {
                headers: {
                    /** @description Requests sent to Graph for this call, retries included. */
                    "X-Latchkey-Attempts"?: number;
                    /** @description Graph's request id of the last attempt. */
                    "request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GraphProxy_patch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Seconds the proxy may spend waiting (for a slot, Retry-After, backoff) before it returns the last answer. */
                "X-Latchkey-Max-Wait"?: number;
            };
            path: {
                /** @description The connection. */
                id: string;
                /**
                 * @description A Graph path such as v1.0/me/messages (it may contain slashes).
                 * @example v1.0/me/messages
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Graph's answer as Graph sent it (any status and content type; JSON for most calls), with `X-Latchkey-Attempts` and Graph's `request-id`. */
            200: {
                headers: {
                    /** @description Requests sent to Graph for this call, retries included. */
                    "X-Latchkey-Attempts"?: number;
                    /** @description Graph's request id of the last attempt. */
                    "request-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description A problem: RFC 9457 problem details with a stable machine-readable code. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
