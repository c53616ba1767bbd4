// Generated from docs/openapi.json by `npm run sdk:generate` (openapi-typescript); do not edit.
// The /v1 operations of the Keyward admin API, for the SDK's createAdminClient.
export interface paths {
    "/v1/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request an access token (Confidence)
         * @description JSON client_credentials request; the same token endpoint as /oauth/token.
         */
        post: operations["confidenceToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signInProviders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Providers the console offers for sign-in
         * @description Needs no token. Each provider with adminSignIn and consoleSignIn set: run the authorization code flow with PKCE at its issuer as clientId (a public client), asking for scopes and for audience as resource, and call this API with the access token it returns.
         */
        get: operations["listSignInProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List organizations (super-admin) */
        get: operations["listOrganizations"];
        put?: never;
        /**
         * Create an organization (super-admin)
         * @description A tenant, with its default workspace. Act in it with the x-keyward-org header.
         */
        post: operations["createOrganization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an organization */
        get: operations["getOrganization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename an organization (super-admin) */
        patch: operations["updateOrganization"];
        trace?: never;
    };
    "/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List workspaces */
        get: operations["listWorkspaces"];
        put?: never;
        /** Create a workspace */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a workspace */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        /**
         * Delete a workspace
         * @description Only an empty one: refused (failed_precondition) for the organization's default workspace and while API clients or providers live in it, so deleting a workspace never deletes machine identities or trust as a side effect. Its settings, access grants and webhooks go with it.
         */
        delete: operations["deleteWorkspace"];
        options?: never;
        head?: never;
        /**
         * Update a workspace
         * @description AIP-134: only the fields in updateMask change; without a mask, every field present in the body. credentialPolicy is replaced whole (null removes it); it governs new credentials only.
         */
        patch: operations["updateWorkspace"];
        trace?: never;
    };
    "/v1/workspaces/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the credentials of a workspace's clients
         * @description AIP-160 filter: lastUseTime < "2026-11-01T00:00:00Z" (not used since: last used before it, or never used and created before it), type = "SECRET", policyViolated = true (breaks the workspace's credentialPolicy). Each credential that breaks the policy carries policyViolations. The filter runs over each page, so a page may hold fewer items than pageSize: follow nextPageToken until it is empty.
         */
        get: operations["listWorkspaceCredentials"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{id}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get workspace settings */
        get: operations["getWorkspaceSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Merge workspace settings
         * @description RFC 7396 merge on a flat string map: `{"merge": {"key": "value", "gone": null}}`; a null value deletes the key. Returns the whole result.
         */
        patch: operations["updateWorkspaceSettings"];
        trace?: never;
    };
    "/v1/workspaces/{id}/accessGrants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a workspace's access grants */
        get: operations["listAccessGrants"];
        put?: never;
        /**
         * Grant a USER or CLIENT access to a workspace
         * @description Idempotent: granting the same subject again returns its grant (with the new role, if one is given).
         */
        post: operations["createAccessGrant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{id}/accessGrants/{grantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an access grant */
        delete: operations["deleteAccessGrant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Create a webhook
         * @description Deliveries follow Standard Webhooks. The signing secret (whsec_…) is generated and returned once in `signingSecret`, unless you give your own in `secrets.signing_secret`.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook and its delivery log */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Update a webhook
         * @description Fields present change, absent ones stay; a map replaces the old map. `secrets` replaces the receiver secrets.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/webhooks/{id}:rotateSecret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description A new whsec_ secret (returned once unless you give `secret`); deliveries carry a signature from each secret until `overlap` (a duration such as "86400s", the default) has passed.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook's delivery log, newest first */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a delivery */
        get: operations["getWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A delivery's attempts, oldest first
         * @description When each attempt started, how long it took, the status code or why none came, and the error message. The newest attempts are kept, as many as the retry schedule makes; redeliveries add theirs. Never a response body.
         */
        get: operations["listWebhookDeliveryAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{deliveryId}:redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again
         * @description Now, with a fresh retry schedule and the same webhook-id.
         */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apiClients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API clients
         * @description AIP-160 filter over displayName (= != :), clientId, workspace, enabled, role (:), createTime; orderBy createTime or displayName [desc].
         */
        get: operations["listApiClients"];
        put?: never;
        /**
         * Create an API client
         * @description Returns the client with `clientSecret`, shown this once. Answers 200, as Confidence does. With withoutSecret=true the client gets no secret (it authenticates by the PUBLIC_KEY or FEDERATED credentials you add), as a workspace whose credentialPolicy sets allowSecrets false requires.
         */
        post: operations["createApiClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apiClients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an API client */
        get: operations["getApiClient"];
        put?: never;
        post?: never;
        /** Delete an API client */
        delete: operations["deleteApiClient"];
        options?: never;
        head?: never;
        /**
         * Update an API client
         * @description AIP-134: only the fields in updateMask change; without a mask, every field present in the body. AIP-161: labels.{key} sets that one label from the body, or removes it when the body has none.
         */
        patch: operations["updateApiClient"];
        trace?: never;
    };
    "/v1/apiClients/{id}:disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable an API client
         * @description Its tokens become inactive at once and it cannot get new ones.
         */
        post: operations["disableApiClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apiClients/{id}:enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable an API client */
        post: operations["enableApiClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{id}/registrationTokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a workspace's initial access tokens
         * @description Tokens are never listed, only their hint, expiry and remaining uses.
         */
        get: operations["listRegistrationTokens"];
        put?: never;
        /**
         * Issue an initial access token
         * @description Lets whoever holds it register clients in this workspace at POST /oauth/register (RFC 7591), as the workspace registration policy allows. The token is returned in `token` this once. expireTime defaults to a day from now (at most 90 days); uses to 1 (at most 10000).
         */
        post: operations["createRegistrationToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{id}/registrationTokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an initial access token */
        get: operations["getRegistrationToken"];
        put?: never;
        post?: never;
        /**
         * Revoke an initial access token
         * @description It registers no more clients; clients it registered stay.
         */
        delete: operations["deleteRegistrationToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apiClients/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A client's tokens issued and failed authentications per hour
         * @description Hourly counts over [startTime, endTime): by default the 7 days up to the end of the current hour. The range spans at most 30 days and starts at most 30 days ago (counts are kept 30 days). Needs the permission to read the client.
         */
        get: operations["getApiClientUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/authenticationFailures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Clients with failed authentications since a time
         * @description Clients of the organization that failed to authenticate at the token endpoint since `since` (default 24 hours ago, at most 30 days ago), most failures first, at most 100. Counted per hour: an hour with a failure after `since` counts whole. Needs the permission to read clients.
         */
        get: operations["listAuthenticationFailures"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apiClients/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a client's credentials
         * @description Secrets are never listed, only their hint; lastUseTime is updated in batches. AIP-160 filter: lastUseTime < "2026-11-01T00:00:00Z" (not used since: last used before it, or never used and created before it), type = "SECRET", policyViolated = true.
         */
        get: operations["listCredentials"];
        put?: never;
        /**
         * Add a credential
         * @description type SECRET (default) generates a secret, returned once in `secret`. Optional expireTime (RFC 3339). Each type takes its own fields, and a field of another type is refused: SECRET takes type, displayName, expireTime, allowedCidrs, maxUses; PUBLIC_KEY takes type, displayName, expireTime, allowedCidrs, maxUses, jwk, jwks, jwksUri; FEDERATED takes type, displayName, expireTime, allowedCidrs, maxUses, provider, subject, claimConditions, claimPatterns, audience.
         */
        post: operations["createCredential"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/apiClients/{id}/credentials/{credentialId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a credential */
        get: operations["getCredential"];
        put?: never;
        post?: never;
        /**
         * Delete (revoke) a credential
         * @description Tokens obtained with it become inactive at once.
         */
        delete: operations["deleteCredential"];
        options?: never;
        head?: never;
        /**
         * Change a credential's fences
         * @description AIP-134: changes allowedCidrs and maxUses, the fields in updateMask (without a mask, those present in the body). A field the mask names and the body leaves out is cleared: any address, no limit; so is maxUses null. useCount is kept: a maxUses at or below it leaves the credential no uses. Every instance applies the change to its next token request.
         */
        patch: operations["updateCredential"];
        trace?: never;
    };
    "/v1/apiClients/{id}:rotateSecret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the client secret with an overlap
         * @description Issues a new secret (returned once) and lets every other secret of the client expire after `overlap` (a duration such as "3600s"; default one hour; "0s" revokes them now). The new secret keeps the allowedCidrs of the newest secret unless the body names others (an empty list: any address); maxUses applies to the new secret only. The body may be omitted.
         */
        post: operations["rotateApiClientSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/expiringCredentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Credentials of the organization that expire soon
         * @description The organization's enabled credentials that expire between now and `before` (default 14 days ahead, at most 366), soonest first, at most 100, each with its client. Needs the permission to read clients.
         */
        get: operations["listExpiringCredentials"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credentials:reportLeaked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report secrets found in public
         * @description Every listed Keyward secret of a credential of the caller's organization is disabled at once (kept, with state DISABLED and disabledReason LEAKED), its tokens become inactive on every instance and credential.leaked goes to the audit log and webhooks with the url. The answer labels each secret, in order, as a secret scanner would be answered; reporting a secret again answers the same label and records nothing.
         */
        post: operations["reportLeakedCredentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List roles */
        get: operations["listRoles"];
        put?: never;
        /**
         * Create a role
         * @description A role is a named set of permission strings. `roleId` (AIP-133) chooses the id; lowercase hex, as Confidence mints them.
         */
        post: operations["createRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a role */
        get: operations["getRole"];
        put?: never;
        post?: never;
        /**
         * Delete a role
         * @description Refused while API clients hold it.
         */
        delete: operations["deleteRole"];
        options?: never;
        head?: never;
        /**
         * Update a role
         * @description AIP-134: only the fields in updateMask change; without a mask, every field present in the body. AIP-161: labels.{key} sets that one label from the body, or removes it when the body has none. Clients holding the role get the new permissions in their next token; admin tokens lose removed ones at once.
         */
        patch: operations["updateRole"];
        trace?: never;
    };
    "/v1/auditEvents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit events, newest first
         * @description AIP-160 filter: resource = "apiClients/x" (or resource: "apiClients/x" for it and its children), type, actor, time >= "2026-01-01T00:00:00Z". Secrets never appear in events.
         */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signingKeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the token signing keys
         * @description Every published key: the active one, the next one, and the retired ones still published. Needs keyward:keys.read.
         */
        get: operations["listSigningKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signingKeys:rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the token signing key
         * @description The pre-published next key starts signing; the old key stays in the JWKS until its tokens expire.
         */
        post: operations["rotateSigningKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List providers */
        get: operations["listProviders"];
        put?: never;
        /**
         * Trust an external issuer
         * @description Its tokens can then authenticate clients that hold a FEDERATED credential naming it, and, with adminSignIn, people at this API. Keys come from jwksUri, or from the issuer's OpenID discovery document when jwksUri is omitted. Tokens must carry `audience` (Keyward's issuer URL by default).
         */
        post: operations["createProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a provider */
        get: operations["getProvider"];
        put?: never;
        post?: never;
        /**
         * Delete a provider
         * @description Refused while federated credentials or role bindings name it.
         */
        delete: operations["deleteProvider"];
        options?: never;
        head?: never;
        /**
         * Update a provider
         * @description AIP-134: only the fields in updateMask change; without a mask, every field present in the body.
         */
        patch: operations["updateProvider"];
        trace?: never;
    };
    "/v1/roleBindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List role bindings */
        get: operations["listRoleBindings"];
        put?: never;
        /**
         * Give a user a role
         * @description A USER principal is a subject of a provider with adminSignIn: `users/{sub}`, or `users/*` for every user it signs in. Signed in with that provider's token, the user holds the permissions of its roles.
         */
        post: operations["createRoleBinding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roleBindings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a role binding */
        get: operations["getRoleBinding"];
        put?: never;
        post?: never;
        /** Delete a role binding */
        delete: operations["deleteRoleBinding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    confidenceToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example client_credentials */
                    grantType: string;
                    clientId: string;
                    clientSecret: string;
                    scope?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessToken: string;
                        expiresIn: number;
                    };
                };
            };
        };
    };
    listSignInProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        signInProviders: {
                            /** @example providers/prv_x */
                            name: string;
                            id: string;
                            /**
                             * @description Send its id as X-Keyward-Org when several organizations trust the same issuer.
                             * @example organizations/org_x
                             */
                            organization: string;
                            displayName: string;
                            /** @description The provider's issuer: its OpenID discovery document names the authorization and token endpoints. */
                            issuer: string;
                            /** @description The console's public client at the provider. */
                            clientId: string;
                            scopes: string[];
                            /** @description The audience the access token must carry: ask for it as the resource (RFC 8707). */
                            audience: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listOrganizations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        organizations: {
                            /** @example organizations/org_x */
                            name: string;
                            id: string;
                            displayName: string;
                            defaultWorkspace: string;
                            createTime: string;
                            updateTime: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName: string;
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly id?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly defaultWorkspace?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example organizations/org_x */
                        name: string;
                        id: string;
                        displayName: string;
                        defaultWorkspace: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getOrganization: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example organizations/org_x */
                        name: string;
                        id: string;
                        displayName: string;
                        defaultWorkspace: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateOrganization: {
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
                "application/json": {
                    displayName: string;
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly id?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly defaultWorkspace?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example organizations/org_x */
                        name: string;
                        id: string;
                        displayName: string;
                        defaultWorkspace: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWorkspaces: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        workspaces: {
                            /** @example workspaces/ws_x */
                            name: string;
                            id: string;
                            displayName: string;
                            extRef: string | null;
                            /** @description Rules for new credentials of the workspace's clients: a request against them is a 400 naming the rule. Existing credentials that break a tightened policy keep working and are listed (policyViolations, filter policyViolated = true). */
                            credentialPolicy?: {
                                /** @description The longest lifetime of a new secret, as a duration such as "7776000s" (90 days); a secret made without expireTime gets this lifetime. */
                                maxSecretLifetime?: string;
                                /** @description Every new credential must have an expireTime. */
                                requireExpiry?: boolean;
                                /** @description false: no new secrets; clients authenticate by PUBLIC_KEY or FEDERATED credentials only. */
                                allowSecrets?: boolean;
                            };
                            createTime: string;
                            updateTime: string;
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName: string;
                    extRef?: null | string;
                    credentialPolicy?: null | {
                        /** @description The longest lifetime of a new secret, as a duration such as "7776000s" (90 days); a secret made without expireTime gets this lifetime. */
                        maxSecretLifetime?: string;
                        /** @description Every new credential must have an expireTime. */
                        requireExpiry?: boolean;
                        /** @description false: no new secrets; clients authenticate by PUBLIC_KEY or FEDERATED credentials only. */
                        allowSecrets?: boolean;
                    };
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly id?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example workspaces/ws_x */
                        name: string;
                        id: string;
                        displayName: string;
                        extRef: string | null;
                        /** @description Rules for new credentials of the workspace's clients: a request against them is a 400 naming the rule. Existing credentials that break a tightened policy keep working and are listed (policyViolations, filter policyViolated = true). */
                        credentialPolicy?: {
                            /** @description The longest lifetime of a new secret, as a duration such as "7776000s" (90 days); a secret made without expireTime gets this lifetime. */
                            maxSecretLifetime?: string;
                            /** @description Every new credential must have an expireTime. */
                            requireExpiry?: boolean;
                            /** @description false: no new secrets; clients authenticate by PUBLIC_KEY or FEDERATED credentials only. */
                            allowSecrets?: boolean;
                        };
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getWorkspace: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example workspaces/ws_x */
                        name: string;
                        id: string;
                        displayName: string;
                        extRef: string | null;
                        /** @description Rules for new credentials of the workspace's clients: a request against them is a 400 naming the rule. Existing credentials that break a tightened policy keep working and are listed (policyViolations, filter policyViolated = true). */
                        credentialPolicy?: {
                            /** @description The longest lifetime of a new secret, as a duration such as "7776000s" (90 days); a secret made without expireTime gets this lifetime. */
                            maxSecretLifetime?: string;
                            /** @description Every new credential must have an expireTime. */
                            requireExpiry?: boolean;
                            /** @description false: no new secrets; clients authenticate by PUBLIC_KEY or FEDERATED credentials only. */
                            allowSecrets?: boolean;
                        };
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteWorkspace: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateWorkspace: {
        parameters: {
            query?: {
                updateMask?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    extRef?: null | string;
                    credentialPolicy?: null | {
                        /** @description The longest lifetime of a new secret, as a duration such as "7776000s" (90 days); a secret made without expireTime gets this lifetime. */
                        maxSecretLifetime?: string;
                        /** @description Every new credential must have an expireTime. */
                        requireExpiry?: boolean;
                        /** @description false: no new secrets; clients authenticate by PUBLIC_KEY or FEDERATED credentials only. */
                        allowSecrets?: boolean;
                    };
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly id?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example workspaces/ws_x */
                        name: string;
                        id: string;
                        displayName: string;
                        extRef: string | null;
                        /** @description Rules for new credentials of the workspace's clients: a request against them is a 400 naming the rule. Existing credentials that break a tightened policy keep working and are listed (policyViolations, filter policyViolated = true). */
                        credentialPolicy?: {
                            /** @description The longest lifetime of a new secret, as a duration such as "7776000s" (90 days); a secret made without expireTime gets this lifetime. */
                            maxSecretLifetime?: string;
                            /** @description Every new credential must have an expireTime. */
                            requireExpiry?: boolean;
                            /** @description false: no new secrets; clients authenticate by PUBLIC_KEY or FEDERATED credentials only. */
                            allowSecrets?: boolean;
                        };
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWorkspaceCredentials: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
                filter?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credentials: {
                            /** @example apiClients/ac_x/credentials/cred_y */
                            name: string;
                            /** @description SECRET, PUBLIC_KEY or FEDERATED */
                            type: string;
                            displayName: string;
                            /** @description Only in the response that created it. */
                            secret?: string;
                            secretHint?: string;
                            jwksUri?: string;
                            jwks?: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            };
                            provider?: string;
                            subject?: string;
                            /** @description FEDERATED: exact values a claim must hold (one of a list). */
                            claimConditions?: {
                                [key: string]: string | string[];
                            };
                            /** @description FEDERATED: globs a claim must match (* within a path segment, ** across). */
                            claimPatterns?: {
                                [key: string]: string | string[];
                            };
                            /** @description FEDERATED: a value the token's aud must also include. */
                            audience?: string;
                            expireTime?: string;
                            lastUseTime?: string;
                            /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                            allowedCidrs?: string[];
                            /** @description How many times the credential may authenticate (at least 1); left out: no limit. */
                            maxUses?: number;
                            /** @description Output only: how many times it has authenticated, shown while maxUses is set. */
                            useCount?: number;
                            /** @description Output only: the rules of the workspace's credentialPolicy this credential breaks (it was made before the policy was tightened); left out when it keeps them all. */
                            policyViolations?: {
                                rule: string;
                                description: string;
                            }[];
                            /** @description DISABLED: the credential authenticates nothing and its tokens are inactive; it is kept for the audit trail (see disabledReason). */
                            state: "ENABLED" | "DISABLED";
                            /** @description When the credential was disabled (RFC 3339). */
                            disableTime?: string;
                            /** @description LEAKED: the secret was reported found in public (POST /v1/credentials:reportLeaked, or a secret scanner). */
                            disabledReason?: string;
                            createdBy: string;
                            createTime: string;
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getWorkspaceSettings: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        settings: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateWorkspaceSettings: {
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
                "application/json": {
                    merge: {
                        [key: string]: null | string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        settings: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listAccessGrants: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accessGrants: {
                            /** @example workspaces/ws_x/accessGrants/grt_y */
                            name: string;
                            workspace: string;
                            subjectType: "USER" | "CLIENT";
                            /** @description A user subject (e.g. a Keycloak user id) or an OAuth client id. */
                            subjectId: string;
                            role: string;
                            /** @description Set when the CLIENT lives in an external identity provider (keycloak). */
                            provider?: string;
                            createTime: string;
                            updateTime: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createAccessGrant: {
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
                "application/json": {
                    /** @description USER or CLIENT */
                    subjectType: string;
                    subjectId: string;
                    /** @description Default: member. */
                    role?: string;
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly workspace?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly provider?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example workspaces/ws_x/accessGrants/grt_y */
                        name: string;
                        workspace: string;
                        subjectType: "USER" | "CLIENT";
                        /** @description A user subject (e.g. a Keycloak user id) or an OAuth client id. */
                        subjectId: string;
                        role: string;
                        /** @description Set when the CLIENT lives in an external identity provider (keycloak). */
                        provider?: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteAccessGrant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                grantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
                /** @description workspaces/{id} */
                workspace?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        webhooks: {
                            /** @example webhooks/wh_x */
                            name: string;
                            /** @description workspaces/{id}, or null for every workspace of the organization. */
                            workspace: string | null;
                            url: string;
                            /** @description NONE, BEARER, BASIC or OAUTH2_CLIENT_CREDENTIALS */
                            authType: string;
                            authUrl: string | null;
                            tokenRequestConfig: {
                                [key: string]: string;
                            };
                            headers: {
                                [key: string]: string;
                            };
                            /** @description Names of the write-only receiver secrets. */
                            secretKeys: string[];
                            signingSecretHint: string;
                            /** @description The Standard Webhooks secret (whsec_…): only in the response that generated it. */
                            signingSecret?: string;
                            eventTypes: string[];
                            state: "ENABLED" | "DISABLED";
                            disabledReason: string | null;
                            lastSuccessTime?: string;
                            createdBy: string;
                            updatedBy: string;
                            createTime: string;
                            updateTime: string;
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    /** @description workspaces/{id}; omit for the whole organization. */
                    workspace?: string;
                    authType?: string;
                    authUrl?: null | string;
                    tokenRequestConfig?: {
                        [key: string]: string;
                    };
                    headers?: {
                        [key: string]: string;
                    };
                    /** @description Write-only: bearer_token, username, password, client_secret, signing_secret. */
                    secrets?: {
                        [key: string]: string;
                    };
                    /** @description Event types or families (client.*); empty: every event. */
                    eventTypes?: string[];
                    state?: "ENABLED" | "DISABLED";
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly secretKeys?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly signingSecretHint?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly signingSecret?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly disabledReason?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly lastSuccessTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updatedBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example webhooks/wh_x */
                        name: string;
                        /** @description workspaces/{id}, or null for every workspace of the organization. */
                        workspace: string | null;
                        url: string;
                        /** @description NONE, BEARER, BASIC or OAUTH2_CLIENT_CREDENTIALS */
                        authType: string;
                        authUrl: string | null;
                        tokenRequestConfig: {
                            [key: string]: string;
                        };
                        headers: {
                            [key: string]: string;
                        };
                        /** @description Names of the write-only receiver secrets. */
                        secretKeys: string[];
                        signingSecretHint: string;
                        /** @description The Standard Webhooks secret (whsec_…): only in the response that generated it. */
                        signingSecret?: string;
                        eventTypes: string[];
                        state: "ENABLED" | "DISABLED";
                        disabledReason: string | null;
                        lastSuccessTime?: string;
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getWebhook: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example webhooks/wh_x */
                        name: string;
                        /** @description workspaces/{id}, or null for every workspace of the organization. */
                        workspace: string | null;
                        url: string;
                        /** @description NONE, BEARER, BASIC or OAUTH2_CLIENT_CREDENTIALS */
                        authType: string;
                        authUrl: string | null;
                        tokenRequestConfig: {
                            [key: string]: string;
                        };
                        headers: {
                            [key: string]: string;
                        };
                        /** @description Names of the write-only receiver secrets. */
                        secretKeys: string[];
                        signingSecretHint: string;
                        /** @description The Standard Webhooks secret (whsec_…): only in the response that generated it. */
                        signingSecret?: string;
                        eventTypes: string[];
                        state: "ENABLED" | "DISABLED";
                        disabledReason: string | null;
                        lastSuccessTime?: string;
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteWebhook: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateWebhook: {
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
                "application/json": {
                    url?: string;
                    authType?: string;
                    authUrl?: null | string;
                    tokenRequestConfig?: {
                        [key: string]: string;
                    };
                    headers?: {
                        [key: string]: string;
                    };
                    /** @description Write-only: bearer_token, username, password, client_secret, signing_secret. */
                    secrets?: {
                        [key: string]: string;
                    };
                    /** @description Event types or families (client.*); empty: every event. */
                    eventTypes?: string[];
                    state?: "ENABLED" | "DISABLED";
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly workspace?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly secretKeys?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly signingSecretHint?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly signingSecret?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly disabledReason?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly lastSuccessTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updatedBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example webhooks/wh_x */
                        name: string;
                        /** @description workspaces/{id}, or null for every workspace of the organization. */
                        workspace: string | null;
                        url: string;
                        /** @description NONE, BEARER, BASIC or OAUTH2_CLIENT_CREDENTIALS */
                        authType: string;
                        authUrl: string | null;
                        tokenRequestConfig: {
                            [key: string]: string;
                        };
                        headers: {
                            [key: string]: string;
                        };
                        /** @description Names of the write-only receiver secrets. */
                        secretKeys: string[];
                        signingSecretHint: string;
                        /** @description The Standard Webhooks secret (whsec_…): only in the response that generated it. */
                        signingSecret?: string;
                        eventTypes: string[];
                        state: "ENABLED" | "DISABLED";
                        disabledReason: string | null;
                        lastSuccessTime?: string;
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    rotateWebhookSecret: {
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
                "application/json": {
                    overlap?: string | number;
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example webhooks/wh_x */
                        name: string;
                        /** @description workspaces/{id}, or null for every workspace of the organization. */
                        workspace: string | null;
                        url: string;
                        /** @description NONE, BEARER, BASIC or OAUTH2_CLIENT_CREDENTIALS */
                        authType: string;
                        authUrl: string | null;
                        tokenRequestConfig: {
                            [key: string]: string;
                        };
                        headers: {
                            [key: string]: string;
                        };
                        /** @description Names of the write-only receiver secrets. */
                        secretKeys: string[];
                        signingSecretHint: string;
                        /** @description The Standard Webhooks secret (whsec_…): only in the response that generated it. */
                        signingSecret?: string;
                        eventTypes: string[];
                        state: "ENABLED" | "DISABLED";
                        disabledReason: string | null;
                        lastSuccessTime?: string;
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
                /** @description PENDING, DELIVERED, FAILED or DISABLED */
                state?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: {
                            /** @example webhooks/wh_x/deliveries/msg_y */
                            name: string;
                            /** @description msg_…: the Standard Webhooks webhook-id header of every attempt. */
                            id: string;
                            eventType: string;
                            eventSequence: string;
                            /** @description PENDING, DELIVERED, FAILED or DISABLED */
                            state: string;
                            attempts: number;
                            nextAttemptTime?: string;
                            lastAttemptTime?: string;
                            lastStatusCode?: number;
                            lastError?: string;
                            payload: {
                                [key: string]: unknown;
                            };
                            createTime: string;
                            updateTime: string;
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example webhooks/wh_x/deliveries/msg_y */
                        name: string;
                        /** @description msg_…: the Standard Webhooks webhook-id header of every attempt. */
                        id: string;
                        eventType: string;
                        eventSequence: string;
                        /** @description PENDING, DELIVERED, FAILED or DISABLED */
                        state: string;
                        attempts: number;
                        nextAttemptTime?: string;
                        lastAttemptTime?: string;
                        lastStatusCode?: number;
                        lastError?: string;
                        payload: {
                            [key: string]: unknown;
                        };
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWebhookDeliveryAttempts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        attempts: {
                            /** @description 1, 2, 3… for this delivery; a redelivery restarts the retry schedule, not this count. */
                            attempt: number;
                            startTime: string;
                            /** @description From the start of the attempt, a receiver token request included, to its outcome. */
                            durationMs: number;
                            /** @description The receiver's HTTP status; absent when none came back. */
                            statusCode?: number;
                            /** @description DELIVERED (a 2xx), HTTP_ERROR (another status), REDIRECT_NOT_FOLLOWED (a 3xx); or why no answer came: TIMEOUT, CONNECTION, SSRF_REFUSED (the host is not public), INVALID_REQUEST, RECEIVER_AUTH (no receiver token could be had, so nothing was sent); INTERRUPTED: the process sending it stopped before recording how it ended, and it was sent again (the receiver may have had it; startTime is when that attempt was taken up, durationMs how long until its claim ran out). */
                            outcome: "DELIVERED" | "HTTP_ERROR" | "REDIRECT_NOT_FOLLOWED" | "TIMEOUT" | "CONNECTION" | "SSRF_REFUSED" | "INVALID_REQUEST" | "RECEIVER_AUTH" | "INTERRUPTED";
                            /** @description Why the attempt failed, as the delivery's lastError said after it. */
                            message?: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example webhooks/wh_x/deliveries/msg_y */
                        name: string;
                        /** @description msg_…: the Standard Webhooks webhook-id header of every attempt. */
                        id: string;
                        eventType: string;
                        eventSequence: string;
                        /** @description PENDING, DELIVERED, FAILED or DISABLED */
                        state: string;
                        attempts: number;
                        nextAttemptTime?: string;
                        lastAttemptTime?: string;
                        lastStatusCode?: number;
                        lastError?: string;
                        payload: {
                            [key: string]: unknown;
                        };
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listApiClients: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
                filter?: string;
                orderBy?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        apiClients: {
                            /** @example apiClients/ac_donlangsbyz6iiksdt4c */
                            name: string;
                            displayName: string;
                            description: string;
                            clientId: string;
                            /** @description Only in the create response; never retrievable again. */
                            clientSecret?: string;
                            permissions: string[];
                            roles: string[];
                            /** @description Free-form key/value labels. */
                            labels: {
                                [key: string]: string;
                            };
                            audiences: string[];
                            workspace: string;
                            /** @description Access-token lifetime in seconds; null uses the default. */
                            tokenLifetime: number | null;
                            /** @description RFC 9449 §5.2: tokens are issued only with a DPoP proof, each bound to the proof's key. */
                            dpopBoundAccessTokens: boolean;
                            /** @description RFC 8693: whether and for whom the client may act, up to which scope. */
                            delegation: {
                                /** @description Whether the client may act for a subject at all (RFC 8693 actor_token). */
                                allowed: boolean;
                                /** @description Providers whose users' tokens the client may act for. */
                                providers: string[];
                                /** @description The subjects (sub) it may act for; empty: any subject of those providers or of its workspace. */
                                subjects: string[];
                                /** @description The widest scope a delegated token may carry; empty: the client's own grants are the limit. */
                                maxScope: string[];
                            };
                            state: "ENABLED" | "DISABLED";
                            createdBy: string;
                            updatedBy: string;
                            createTime: string;
                            updateTime: string;
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createApiClient: {
        parameters: {
            query?: {
                /** @description A client id of your choosing (AIP-133). */
                apiClientId?: string;
                /** @description Create the client without a secret. */
                withoutSecret?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName: string;
                    description?: string;
                    permissions?: string[];
                    /** @description roles/{id} */
                    roles?: string[];
                    /** @description Free-form key/value labels. */
                    labels?: {
                        [key: string]: string;
                    };
                    audiences?: string[];
                    /** @description Seconds; null uses the default. */
                    tokenLifetime?: number | null;
                    /** @description RFC 9449: tokens only with a DPoP proof, bound to its key. */
                    dpopBoundAccessTokens?: boolean;
                    delegation?: {
                        /** @description Whether the client may act for a subject at all (RFC 8693 actor_token). */
                        allowed?: boolean;
                        /** @description Providers whose users' tokens the client may act for. */
                        providers?: string[];
                        /** @description The subjects (sub) it may act for; empty: any subject of those providers or of its workspace. */
                        subjects?: string[];
                        /** @description The widest scope a delegated token may carry; empty: the client's own grants are the limit. */
                        maxScope?: string[];
                    };
                    /** @description workspaces/{id}; the organization default when omitted. Create only. */
                    workspace?: string;
                    state?: "ENABLED" | "DISABLED";
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly clientId?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly clientSecret?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updatedBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apiClients/ac_donlangsbyz6iiksdt4c */
                        name: string;
                        displayName: string;
                        description: string;
                        clientId: string;
                        /** @description Only in the create response; never retrievable again. */
                        clientSecret?: string;
                        permissions: string[];
                        roles: string[];
                        /** @description Free-form key/value labels. */
                        labels: {
                            [key: string]: string;
                        };
                        audiences: string[];
                        workspace: string;
                        /** @description Access-token lifetime in seconds; null uses the default. */
                        tokenLifetime: number | null;
                        /** @description RFC 9449 §5.2: tokens are issued only with a DPoP proof, each bound to the proof's key. */
                        dpopBoundAccessTokens: boolean;
                        /** @description RFC 8693: whether and for whom the client may act, up to which scope. */
                        delegation: {
                            /** @description Whether the client may act for a subject at all (RFC 8693 actor_token). */
                            allowed: boolean;
                            /** @description Providers whose users' tokens the client may act for. */
                            providers: string[];
                            /** @description The subjects (sub) it may act for; empty: any subject of those providers or of its workspace. */
                            subjects: string[];
                            /** @description The widest scope a delegated token may carry; empty: the client's own grants are the limit. */
                            maxScope: string[];
                        };
                        state: "ENABLED" | "DISABLED";
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getApiClient: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apiClients/ac_donlangsbyz6iiksdt4c */
                        name: string;
                        displayName: string;
                        description: string;
                        clientId: string;
                        /** @description Only in the create response; never retrievable again. */
                        clientSecret?: string;
                        permissions: string[];
                        roles: string[];
                        /** @description Free-form key/value labels. */
                        labels: {
                            [key: string]: string;
                        };
                        audiences: string[];
                        workspace: string;
                        /** @description Access-token lifetime in seconds; null uses the default. */
                        tokenLifetime: number | null;
                        /** @description RFC 9449 §5.2: tokens are issued only with a DPoP proof, each bound to the proof's key. */
                        dpopBoundAccessTokens: boolean;
                        /** @description RFC 8693: whether and for whom the client may act, up to which scope. */
                        delegation: {
                            /** @description Whether the client may act for a subject at all (RFC 8693 actor_token). */
                            allowed: boolean;
                            /** @description Providers whose users' tokens the client may act for. */
                            providers: string[];
                            /** @description The subjects (sub) it may act for; empty: any subject of those providers or of its workspace. */
                            subjects: string[];
                            /** @description The widest scope a delegated token may carry; empty: the client's own grants are the limit. */
                            maxScope: string[];
                        };
                        state: "ENABLED" | "DISABLED";
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteApiClient: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateApiClient: {
        parameters: {
            query?: {
                updateMask?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    description?: string;
                    permissions?: string[];
                    /** @description roles/{id} */
                    roles?: string[];
                    /** @description Free-form key/value labels. */
                    labels?: {
                        [key: string]: string;
                    };
                    audiences?: string[];
                    /** @description Seconds; null uses the default. */
                    tokenLifetime?: number | null;
                    /** @description RFC 9449: tokens only with a DPoP proof, bound to its key. */
                    dpopBoundAccessTokens?: boolean;
                    delegation?: {
                        /** @description Whether the client may act for a subject at all (RFC 8693 actor_token). */
                        allowed?: boolean;
                        /** @description Providers whose users' tokens the client may act for. */
                        providers?: string[];
                        /** @description The subjects (sub) it may act for; empty: any subject of those providers or of its workspace. */
                        subjects?: string[];
                        /** @description The widest scope a delegated token may carry; empty: the client's own grants are the limit. */
                        maxScope?: string[];
                    };
                    /** @description workspaces/{id}; the organization default when omitted. Create only. */
                    workspace?: string;
                    state?: "ENABLED" | "DISABLED";
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly clientId?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly clientSecret?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updatedBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apiClients/ac_donlangsbyz6iiksdt4c */
                        name: string;
                        displayName: string;
                        description: string;
                        clientId: string;
                        /** @description Only in the create response; never retrievable again. */
                        clientSecret?: string;
                        permissions: string[];
                        roles: string[];
                        /** @description Free-form key/value labels. */
                        labels: {
                            [key: string]: string;
                        };
                        audiences: string[];
                        workspace: string;
                        /** @description Access-token lifetime in seconds; null uses the default. */
                        tokenLifetime: number | null;
                        /** @description RFC 9449 §5.2: tokens are issued only with a DPoP proof, each bound to the proof's key. */
                        dpopBoundAccessTokens: boolean;
                        /** @description RFC 8693: whether and for whom the client may act, up to which scope. */
                        delegation: {
                            /** @description Whether the client may act for a subject at all (RFC 8693 actor_token). */
                            allowed: boolean;
                            /** @description Providers whose users' tokens the client may act for. */
                            providers: string[];
                            /** @description The subjects (sub) it may act for; empty: any subject of those providers or of its workspace. */
                            subjects: string[];
                            /** @description The widest scope a delegated token may carry; empty: the client's own grants are the limit. */
                            maxScope: string[];
                        };
                        state: "ENABLED" | "DISABLED";
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    disableApiClient: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apiClients/ac_donlangsbyz6iiksdt4c */
                        name: string;
                        displayName: string;
                        description: string;
                        clientId: string;
                        /** @description Only in the create response; never retrievable again. */
                        clientSecret?: string;
                        permissions: string[];
                        roles: string[];
                        /** @description Free-form key/value labels. */
                        labels: {
                            [key: string]: string;
                        };
                        audiences: string[];
                        workspace: string;
                        /** @description Access-token lifetime in seconds; null uses the default. */
                        tokenLifetime: number | null;
                        /** @description RFC 9449 §5.2: tokens are issued only with a DPoP proof, each bound to the proof's key. */
                        dpopBoundAccessTokens: boolean;
                        /** @description RFC 8693: whether and for whom the client may act, up to which scope. */
                        delegation: {
                            /** @description Whether the client may act for a subject at all (RFC 8693 actor_token). */
                            allowed: boolean;
                            /** @description Providers whose users' tokens the client may act for. */
                            providers: string[];
                            /** @description The subjects (sub) it may act for; empty: any subject of those providers or of its workspace. */
                            subjects: string[];
                            /** @description The widest scope a delegated token may carry; empty: the client's own grants are the limit. */
                            maxScope: string[];
                        };
                        state: "ENABLED" | "DISABLED";
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    enableApiClient: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apiClients/ac_donlangsbyz6iiksdt4c */
                        name: string;
                        displayName: string;
                        description: string;
                        clientId: string;
                        /** @description Only in the create response; never retrievable again. */
                        clientSecret?: string;
                        permissions: string[];
                        roles: string[];
                        /** @description Free-form key/value labels. */
                        labels: {
                            [key: string]: string;
                        };
                        audiences: string[];
                        workspace: string;
                        /** @description Access-token lifetime in seconds; null uses the default. */
                        tokenLifetime: number | null;
                        /** @description RFC 9449 §5.2: tokens are issued only with a DPoP proof, each bound to the proof's key. */
                        dpopBoundAccessTokens: boolean;
                        /** @description RFC 8693: whether and for whom the client may act, up to which scope. */
                        delegation: {
                            /** @description Whether the client may act for a subject at all (RFC 8693 actor_token). */
                            allowed: boolean;
                            /** @description Providers whose users' tokens the client may act for. */
                            providers: string[];
                            /** @description The subjects (sub) it may act for; empty: any subject of those providers or of its workspace. */
                            subjects: string[];
                            /** @description The widest scope a delegated token may carry; empty: the client's own grants are the limit. */
                            maxScope: string[];
                        };
                        state: "ENABLED" | "DISABLED";
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listRegistrationTokens: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        registrationTokens: {
                            /** @description workspaces/{id}/registrationTokens/{id} */
                            name: string;
                            displayName: string;
                            /** @description The initial access token (RFC 7591 §3), returned once at creation only. */
                            token?: string;
                            /** @description The first and last characters of the token, to tell tokens apart. */
                            tokenHint: string;
                            expireTime: string;
                            /** @description How many more clients the token may register. */
                            usesRemaining: number;
                            createdBy: string;
                            createTime: string;
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createRegistrationToken: {
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
                "application/json": {
                    displayName?: string;
                    /** @description RFC 3339 */
                    expireTime?: string;
                    /** @description How many clients the token may register. */
                    uses?: number;
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly token?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly tokenHint?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly usesRemaining?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description workspaces/{id}/registrationTokens/{id} */
                        name: string;
                        displayName: string;
                        /** @description The initial access token (RFC 7591 §3), returned once at creation only. */
                        token?: string;
                        /** @description The first and last characters of the token, to tell tokens apart. */
                        tokenHint: string;
                        expireTime: string;
                        /** @description How many more clients the token may register. */
                        usesRemaining: number;
                        createdBy: string;
                        createTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getRegistrationToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description workspaces/{id}/registrationTokens/{id} */
                        name: string;
                        displayName: string;
                        /** @description The initial access token (RFC 7591 §3), returned once at creation only. */
                        token?: string;
                        /** @description The first and last characters of the token, to tell tokens apart. */
                        tokenHint: string;
                        expireTime: string;
                        /** @description How many more clients the token may register. */
                        usesRemaining: number;
                        createdBy: string;
                        createTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteRegistrationToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getApiClientUsage: {
        parameters: {
            query?: {
                /** @description RFC 3339; default endTime minus 7 days. */
                startTime?: string;
                /** @description RFC 3339; default now. */
                endTime?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apiClients/ac_donlangsbyz6iiksdt4c */
                        apiClient: string;
                        /**
                         * @description The length of each bucket.
                         * @example 3600s
                         */
                        interval: string;
                        /** @description RFC 3339; the first hour (startTime rounded down to a whole hour). */
                        startTime: string;
                        /** @description RFC 3339; the end of the last hour (endTime rounded up to a whole hour). */
                        endTime: string;
                        /** @description Every hour of [startTime, endTime), oldest first, zeros included. */
                        hours: {
                            startTime: string;
                            /** @description Access tokens issued to the client at the token endpoint. */
                            tokensIssued: number;
                            /** @description Requests at the token endpoint that named the client and failed to authenticate it. */
                            failedAuthentications: number;
                        }[];
                        totals: {
                            /** @description Access tokens issued to the client at the token endpoint. */
                            tokensIssued: number;
                            /** @description Requests at the token endpoint that named the client and failed to authenticate it. */
                            failedAuthentications: number;
                        };
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listAuthenticationFailures: {
        parameters: {
            query?: {
                /** @description RFC 3339; default 24 hours ago. */
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        clients: {
                            /** @example apiClients/ac_donlangsbyz6iiksdt4c */
                            apiClient: string;
                            clientId: string;
                            displayName: string;
                            /** @example workspaces/wks_x */
                            workspace: string;
                            failedAuthentications: number;
                            /** @description RFC 3339 */
                            lastFailureTime?: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listCredentials: {
        parameters: {
            query?: {
                filter?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credentials: {
                            /** @example apiClients/ac_x/credentials/cred_y */
                            name: string;
                            /** @description SECRET, PUBLIC_KEY or FEDERATED */
                            type: string;
                            displayName: string;
                            /** @description Only in the response that created it. */
                            secret?: string;
                            secretHint?: string;
                            jwksUri?: string;
                            jwks?: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            };
                            provider?: string;
                            subject?: string;
                            /** @description FEDERATED: exact values a claim must hold (one of a list). */
                            claimConditions?: {
                                [key: string]: string | string[];
                            };
                            /** @description FEDERATED: globs a claim must match (* within a path segment, ** across). */
                            claimPatterns?: {
                                [key: string]: string | string[];
                            };
                            /** @description FEDERATED: a value the token's aud must also include. */
                            audience?: string;
                            expireTime?: string;
                            lastUseTime?: string;
                            /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                            allowedCidrs?: string[];
                            /** @description How many times the credential may authenticate (at least 1); left out: no limit. */
                            maxUses?: number;
                            /** @description Output only: how many times it has authenticated, shown while maxUses is set. */
                            useCount?: number;
                            /** @description Output only: the rules of the workspace's credentialPolicy this credential breaks (it was made before the policy was tightened); left out when it keeps them all. */
                            policyViolations?: {
                                rule: string;
                                description: string;
                            }[];
                            /** @description DISABLED: the credential authenticates nothing and its tokens are inactive; it is kept for the audit trail (see disabledReason). */
                            state: "ENABLED" | "DISABLED";
                            /** @description When the credential was disabled (RFC 3339). */
                            disableTime?: string;
                            /** @description LEAKED: the secret was reported found in public (POST /v1/credentials:reportLeaked, or a secret scanner). */
                            disabledReason?: string;
                            createdBy: string;
                            createTime: string;
                        }[];
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createCredential: {
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
                "application/json": {
                    /** @description SECRET (default), PUBLIC_KEY or FEDERATED */
                    type?: string;
                    displayName?: string;
                    /** @description RFC 3339 */
                    expireTime?: string;
                    /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                    allowedCidrs?: string[];
                    /** @description How many times the credential may authenticate (at least 1); left out: no limit. */
                    maxUses?: number;
                    jwk?: {
                        [key: string]: unknown;
                    };
                    jwks?: {
                        [key: string]: unknown;
                    };
                    jwksUri?: string;
                    /** @description providers/{id} */
                    provider?: string;
                    /** @description The exact sub, or * for every subject; may be left out when claimConditions names an exact claim. */
                    subject?: string;
                    claimConditions?: {
                        [key: string]: unknown;
                    };
                    claimPatterns?: {
                        [key: string]: unknown;
                    };
                    audience?: string;
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly secret?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly secretHint?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly lastUseTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly useCount?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly policyViolations?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly state?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly disableTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly disabledReason?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apiClients/ac_x/credentials/cred_y */
                        name: string;
                        /** @description SECRET, PUBLIC_KEY or FEDERATED */
                        type: string;
                        displayName: string;
                        /** @description Only in the response that created it. */
                        secret?: string;
                        secretHint?: string;
                        jwksUri?: string;
                        jwks?: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        };
                        provider?: string;
                        subject?: string;
                        /** @description FEDERATED: exact values a claim must hold (one of a list). */
                        claimConditions?: {
                            [key: string]: string | string[];
                        };
                        /** @description FEDERATED: globs a claim must match (* within a path segment, ** across). */
                        claimPatterns?: {
                            [key: string]: string | string[];
                        };
                        /** @description FEDERATED: a value the token's aud must also include. */
                        audience?: string;
                        expireTime?: string;
                        lastUseTime?: string;
                        /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                        allowedCidrs?: string[];
                        /** @description How many times the credential may authenticate (at least 1); left out: no limit. */
                        maxUses?: number;
                        /** @description Output only: how many times it has authenticated, shown while maxUses is set. */
                        useCount?: number;
                        /** @description Output only: the rules of the workspace's credentialPolicy this credential breaks (it was made before the policy was tightened); left out when it keeps them all. */
                        policyViolations?: {
                            rule: string;
                            description: string;
                        }[];
                        /** @description DISABLED: the credential authenticates nothing and its tokens are inactive; it is kept for the audit trail (see disabledReason). */
                        state: "ENABLED" | "DISABLED";
                        /** @description When the credential was disabled (RFC 3339). */
                        disableTime?: string;
                        /** @description LEAKED: the secret was reported found in public (POST /v1/credentials:reportLeaked, or a secret scanner). */
                        disabledReason?: string;
                        createdBy: string;
                        createTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                credentialId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apiClients/ac_x/credentials/cred_y */
                        name: string;
                        /** @description SECRET, PUBLIC_KEY or FEDERATED */
                        type: string;
                        displayName: string;
                        /** @description Only in the response that created it. */
                        secret?: string;
                        secretHint?: string;
                        jwksUri?: string;
                        jwks?: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        };
                        provider?: string;
                        subject?: string;
                        /** @description FEDERATED: exact values a claim must hold (one of a list). */
                        claimConditions?: {
                            [key: string]: string | string[];
                        };
                        /** @description FEDERATED: globs a claim must match (* within a path segment, ** across). */
                        claimPatterns?: {
                            [key: string]: string | string[];
                        };
                        /** @description FEDERATED: a value the token's aud must also include. */
                        audience?: string;
                        expireTime?: string;
                        lastUseTime?: string;
                        /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                        allowedCidrs?: string[];
                        /** @description How many times the credential may authenticate (at least 1); left out: no limit. */
                        maxUses?: number;
                        /** @description Output only: how many times it has authenticated, shown while maxUses is set. */
                        useCount?: number;
                        /** @description Output only: the rules of the workspace's credentialPolicy this credential breaks (it was made before the policy was tightened); left out when it keeps them all. */
                        policyViolations?: {
                            rule: string;
                            description: string;
                        }[];
                        /** @description DISABLED: the credential authenticates nothing and its tokens are inactive; it is kept for the audit trail (see disabledReason). */
                        state: "ENABLED" | "DISABLED";
                        /** @description When the credential was disabled (RFC 3339). */
                        disableTime?: string;
                        /** @description LEAKED: the secret was reported found in public (POST /v1/credentials:reportLeaked, or a secret scanner). */
                        disabledReason?: string;
                        createdBy: string;
                        createTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteCredential: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                credentialId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateCredential: {
        parameters: {
            query?: {
                updateMask?: string;
            };
            header?: never;
            path: {
                id: string;
                credentialId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                    allowedCidrs?: string[];
                    /** @description How many times the credential may authenticate (at least 1); left out: no limit. null removes the limit. */
                    maxUses?: number | null;
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly type?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly displayName?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly secret?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly secretHint?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly jwksUri?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly jwks?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly provider?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly subject?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly claimConditions?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly claimPatterns?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly audience?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly expireTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly lastUseTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly useCount?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly policyViolations?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly state?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly disableTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly disabledReason?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apiClients/ac_x/credentials/cred_y */
                        name: string;
                        /** @description SECRET, PUBLIC_KEY or FEDERATED */
                        type: string;
                        displayName: string;
                        /** @description Only in the response that created it. */
                        secret?: string;
                        secretHint?: string;
                        jwksUri?: string;
                        jwks?: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        };
                        provider?: string;
                        subject?: string;
                        /** @description FEDERATED: exact values a claim must hold (one of a list). */
                        claimConditions?: {
                            [key: string]: string | string[];
                        };
                        /** @description FEDERATED: globs a claim must match (* within a path segment, ** across). */
                        claimPatterns?: {
                            [key: string]: string | string[];
                        };
                        /** @description FEDERATED: a value the token's aud must also include. */
                        audience?: string;
                        expireTime?: string;
                        lastUseTime?: string;
                        /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                        allowedCidrs?: string[];
                        /** @description How many times the credential may authenticate (at least 1); left out: no limit. */
                        maxUses?: number;
                        /** @description Output only: how many times it has authenticated, shown while maxUses is set. */
                        useCount?: number;
                        /** @description Output only: the rules of the workspace's credentialPolicy this credential breaks (it was made before the policy was tightened); left out when it keeps them all. */
                        policyViolations?: {
                            rule: string;
                            description: string;
                        }[];
                        /** @description DISABLED: the credential authenticates nothing and its tokens are inactive; it is kept for the audit trail (see disabledReason). */
                        state: "ENABLED" | "DISABLED";
                        /** @description When the credential was disabled (RFC 3339). */
                        disableTime?: string;
                        /** @description LEAKED: the secret was reported found in public (POST /v1/credentials:reportLeaked, or a secret scanner). */
                        disabledReason?: string;
                        createdBy: string;
                        createTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    rotateApiClientSecret: {
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
                "application/json": {
                    overlap?: string | number;
                    displayName?: string;
                    expireTime?: string;
                    /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                    allowedCidrs?: string[];
                    /** @description How many times the credential may authenticate (at least 1); left out: no limit. */
                    maxUses?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credential: {
                            /** @example apiClients/ac_x/credentials/cred_y */
                            name: string;
                            /** @description SECRET, PUBLIC_KEY or FEDERATED */
                            type: string;
                            displayName: string;
                            /** @description Only in the response that created it. */
                            secret?: string;
                            secretHint?: string;
                            jwksUri?: string;
                            jwks?: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            };
                            provider?: string;
                            subject?: string;
                            /** @description FEDERATED: exact values a claim must hold (one of a list). */
                            claimConditions?: {
                                [key: string]: string | string[];
                            };
                            /** @description FEDERATED: globs a claim must match (* within a path segment, ** across). */
                            claimPatterns?: {
                                [key: string]: string | string[];
                            };
                            /** @description FEDERATED: a value the token's aud must also include. */
                            audience?: string;
                            expireTime?: string;
                            lastUseTime?: string;
                            /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                            allowedCidrs?: string[];
                            /** @description How many times the credential may authenticate (at least 1); left out: no limit. */
                            maxUses?: number;
                            /** @description Output only: how many times it has authenticated, shown while maxUses is set. */
                            useCount?: number;
                            /** @description Output only: the rules of the workspace's credentialPolicy this credential breaks (it was made before the policy was tightened); left out when it keeps them all. */
                            policyViolations?: {
                                rule: string;
                                description: string;
                            }[];
                            /** @description DISABLED: the credential authenticates nothing and its tokens are inactive; it is kept for the audit trail (see disabledReason). */
                            state: "ENABLED" | "DISABLED";
                            /** @description When the credential was disabled (RFC 3339). */
                            disableTime?: string;
                            /** @description LEAKED: the secret was reported found in public (POST /v1/credentials:reportLeaked, or a secret scanner). */
                            disabledReason?: string;
                            createdBy: string;
                            createTime: string;
                        };
                        secret: string;
                        previousCredentials: string[];
                        previousExpireTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listExpiringCredentials: {
        parameters: {
            query?: {
                /** @description RFC 3339; default 14 days from now. */
                before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credentials: {
                            /** @example apiClients/ac_donlangsbyz6iiksdt4c */
                            apiClient: string;
                            clientId: string;
                            displayName: string;
                            /** @example workspaces/wks_x */
                            workspace: string;
                            credential: {
                                /** @example apiClients/ac_x/credentials/cred_y */
                                name: string;
                                /** @description SECRET, PUBLIC_KEY or FEDERATED */
                                type: string;
                                displayName: string;
                                /** @description Only in the response that created it. */
                                secret?: string;
                                secretHint?: string;
                                jwksUri?: string;
                                jwks?: {
                                    keys: {
                                        [key: string]: unknown;
                                    }[];
                                };
                                provider?: string;
                                subject?: string;
                                /** @description FEDERATED: exact values a claim must hold (one of a list). */
                                claimConditions?: {
                                    [key: string]: string | string[];
                                };
                                /** @description FEDERATED: globs a claim must match (* within a path segment, ** across). */
                                claimPatterns?: {
                                    [key: string]: string | string[];
                                };
                                /** @description FEDERATED: a value the token's aud must also include. */
                                audience?: string;
                                expireTime?: string;
                                lastUseTime?: string;
                                /** @description IPv4/IPv6 CIDR blocks (e.g. "10.0.0.0/8", "2001:db8::/32") the credential may authenticate from, after KEYWARD_TRUST_PROXY resolution; left out or empty: any address. */
                                allowedCidrs?: string[];
                                /** @description How many times the credential may authenticate (at least 1); left out: no limit. */
                                maxUses?: number;
                                /** @description Output only: how many times it has authenticated, shown while maxUses is set. */
                                useCount?: number;
                                /** @description Output only: the rules of the workspace's credentialPolicy this credential breaks (it was made before the policy was tightened); left out when it keeps them all. */
                                policyViolations?: {
                                    rule: string;
                                    description: string;
                                }[];
                                /** @description DISABLED: the credential authenticates nothing and its tokens are inactive; it is kept for the audit trail (see disabledReason). */
                                state: "ENABLED" | "DISABLED";
                                /** @description When the credential was disabled (RFC 3339). */
                                disableTime?: string;
                                /** @description LEAKED: the secret was reported found in public (POST /v1/credentials:reportLeaked, or a secret scanner). */
                                disabledReason?: string;
                                createdBy: string;
                                createTime: string;
                            };
                        }[];
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    reportLeakedCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The secrets found (kw_…). */
                    secrets: string[];
                    /** @description Where they were found. */
                    url?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** @description The first and last characters of the reported secret, to tell the answers apart. */
                            secretHint: string;
                            /** @description true_positive: a Keyward secret of a credential, now disabled (or disabled by an earlier report). false_positive: anything else. */
                            label: "true_positive" | "false_positive";
                            /** @description The disabled credentials the secret belonged to. */
                            credentials: string[];
                        }[];
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listRoles: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        roles: {
                            /** @example roles/726f6c5f68386b6c46596c4a335350384e6a7377 */
                            name: string;
                            displayName: string;
                            description: string;
                            permissions: string[];
                            /** @description Free-form key/value labels. */
                            labels: {
                                [key: string]: string;
                            };
                            createdBy: string;
                            updatedBy: string;
                            createTime: string;
                            updateTime: string;
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createRole: {
        parameters: {
            query?: {
                roleId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName: string;
                    description?: string;
                    permissions?: string[];
                    /** @description Free-form key/value labels. */
                    labels?: {
                        [key: string]: string;
                    };
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updatedBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example roles/726f6c5f68386b6c46596c4a335350384e6a7377 */
                        name: string;
                        displayName: string;
                        description: string;
                        permissions: string[];
                        /** @description Free-form key/value labels. */
                        labels: {
                            [key: string]: string;
                        };
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getRole: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example roles/726f6c5f68386b6c46596c4a335350384e6a7377 */
                        name: string;
                        displayName: string;
                        description: string;
                        permissions: string[];
                        /** @description Free-form key/value labels. */
                        labels: {
                            [key: string]: string;
                        };
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteRole: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateRole: {
        parameters: {
            query?: {
                updateMask?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName?: string;
                    description?: string;
                    permissions?: string[];
                    /** @description Free-form key/value labels. */
                    labels?: {
                        [key: string]: string;
                    };
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updatedBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example roles/726f6c5f68386b6c46596c4a335350384e6a7377 */
                        name: string;
                        displayName: string;
                        description: string;
                        permissions: string[];
                        /** @description Free-form key/value labels. */
                        labels: {
                            [key: string]: string;
                        };
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
                filter?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        auditEvents: {
                            name: string;
                            /** @description Strictly increasing; a string because it is a 64-bit integer. */
                            sequence: string;
                            type: string;
                            resource: string;
                            actor: string;
                            time: string;
                            data: {
                                [key: string]: unknown;
                            };
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        signingKeys: {
                            /** @example signingKeys/key_x */
                            name: string;
                            /** @description The key id in the header of the tokens it signs. */
                            kid: string;
                            /** @example ES256 */
                            alg: string;
                            /** @description active: signs tokens now. next: published, signs after the next rotation. retired: signs no more; published until expireTime so that its tokens still verify. */
                            state: "active" | "next" | "retired";
                            /** @description The public key, as in /oauth/jwks. The private key is never shown. */
                            publicJwk: {
                                [key: string]: string;
                            };
                            createTime: string;
                            /** @description When it started signing; null for the next key. */
                            activateTime: string | null;
                            /** @description When a retired key leaves the key set (its last tokens have expired); null while active or next. */
                            expireTime: string | null;
                        }[];
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    rotateSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activeKey: string;
                        nextKey: string;
                        retiredKey: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listProviders: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        providers: {
                            /** @example providers/prv_x */
                            name: string;
                            id: string;
                            identifier: string;
                            displayName: string;
                            description: string;
                            issuer: string;
                            /** @description null: discovered from the issuer */
                            jwksUri: string | null;
                            /** @description Keys pinned here (a SPIFFE trust bundle, say), used instead of fetching any; null: jwksUri or discovery. */
                            jwks: {
                                keys: {
                                    [key: string]: unknown;
                                }[];
                            } | null;
                            /** @description null: Keyward's issuer URL */
                            audience: string | null;
                            /** @description Claims a token must carry: each equals the value, or one of the values (for array claims: contains one). */
                            claimConditions: {
                                [key: string]: string | string[];
                            };
                            adminSignIn: boolean;
                            /** @description null: the console does not offer sign-in through this provider */
                            consoleSignIn: {
                                /** @description The console's public client (no secret) registered at the provider. */
                                clientId: string;
                                /** @description What the console asks the provider for; openid when left out. */
                                scopes: string[];
                            } | null;
                            workspace: string;
                            createdBy: string;
                            updatedBy: string;
                            createTime: string;
                            updateTime: string;
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createProvider: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    displayName: string;
                    issuer: string;
                    identifier?: string;
                    description?: string;
                    jwksUri?: null | string;
                    jwks?: null | {
                        keys: {
                            [key: string]: unknown;
                        }[];
                    };
                    audience?: null | string;
                    /** @description Claims a token must carry: each equals the value, or one of the values (for array claims: contains one). */
                    claimConditions?: {
                        [key: string]: string | string[];
                    };
                    /** @description Its users may sign in to the admin API with the roles bound to them. */
                    adminSignIn?: boolean;
                    /** @description Offer sign-in through this provider in the console (listed at /v1/signInProviders while adminSignIn is on); null removes it. */
                    consoleSignIn?: null | {
                        clientId: string;
                        scopes?: string[];
                    };
                    workspace?: string;
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly id?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updatedBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example providers/prv_x */
                        name: string;
                        id: string;
                        identifier: string;
                        displayName: string;
                        description: string;
                        issuer: string;
                        /** @description null: discovered from the issuer */
                        jwksUri: string | null;
                        /** @description Keys pinned here (a SPIFFE trust bundle, say), used instead of fetching any; null: jwksUri or discovery. */
                        jwks: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        } | null;
                        /** @description null: Keyward's issuer URL */
                        audience: string | null;
                        /** @description Claims a token must carry: each equals the value, or one of the values (for array claims: contains one). */
                        claimConditions: {
                            [key: string]: string | string[];
                        };
                        adminSignIn: boolean;
                        /** @description null: the console does not offer sign-in through this provider */
                        consoleSignIn: {
                            /** @description The console's public client (no secret) registered at the provider. */
                            clientId: string;
                            /** @description What the console asks the provider for; openid when left out. */
                            scopes: string[];
                        } | null;
                        workspace: string;
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getProvider: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example providers/prv_x */
                        name: string;
                        id: string;
                        identifier: string;
                        displayName: string;
                        description: string;
                        issuer: string;
                        /** @description null: discovered from the issuer */
                        jwksUri: string | null;
                        /** @description Keys pinned here (a SPIFFE trust bundle, say), used instead of fetching any; null: jwksUri or discovery. */
                        jwks: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        } | null;
                        /** @description null: Keyward's issuer URL */
                        audience: string | null;
                        /** @description Claims a token must carry: each equals the value, or one of the values (for array claims: contains one). */
                        claimConditions: {
                            [key: string]: string | string[];
                        };
                        adminSignIn: boolean;
                        /** @description null: the console does not offer sign-in through this provider */
                        consoleSignIn: {
                            /** @description The console's public client (no secret) registered at the provider. */
                            clientId: string;
                            /** @description What the console asks the provider for; openid when left out. */
                            scopes: string[];
                        } | null;
                        workspace: string;
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteProvider: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateProvider: {
        parameters: {
            query?: {
                updateMask?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    identifier?: string;
                    displayName?: string;
                    description?: string;
                    /** @description The exact iss of the tokens to trust. */
                    issuer?: string;
                    jwksUri?: null | string;
                    jwks?: null | {
                        keys: {
                            [key: string]: unknown;
                        }[];
                    };
                    audience?: null | string;
                    /** @description Claims a token must carry: each equals the value, or one of the values (for array claims: contains one). */
                    claimConditions?: {
                        [key: string]: string | string[];
                    };
                    /** @description Its users may sign in to the admin API with the roles bound to them. */
                    adminSignIn?: boolean;
                    /** @description Offer sign-in through this provider in the console (listed at /v1/signInProviders while adminSignIn is on); null removes it. */
                    consoleSignIn?: null | {
                        clientId: string;
                        scopes?: string[];
                    };
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly id?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly workspace?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updatedBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly updateTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example providers/prv_x */
                        name: string;
                        id: string;
                        identifier: string;
                        displayName: string;
                        description: string;
                        issuer: string;
                        /** @description null: discovered from the issuer */
                        jwksUri: string | null;
                        /** @description Keys pinned here (a SPIFFE trust bundle, say), used instead of fetching any; null: jwksUri or discovery. */
                        jwks: {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        } | null;
                        /** @description null: Keyward's issuer URL */
                        audience: string | null;
                        /** @description Claims a token must carry: each equals the value, or one of the values (for array claims: contains one). */
                        claimConditions: {
                            [key: string]: string | string[];
                        };
                        adminSignIn: boolean;
                        /** @description null: the console does not offer sign-in through this provider */
                        consoleSignIn: {
                            /** @description The console's public client (no secret) registered at the provider. */
                            clientId: string;
                            /** @description What the console asks the provider for; openid when left out. */
                            scopes: string[];
                        } | null;
                        workspace: string;
                        createdBy: string;
                        updatedBy: string;
                        createTime: string;
                        updateTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listRoleBindings: {
        parameters: {
            query?: {
                /** @description At most 1000; default 50. */
                pageSize?: number;
                pageToken?: string;
                provider?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        roleBindings: {
                            /** @example roleBindings/rb_x */
                            name: string;
                            /** @example users/8f14e45f */
                            principal: string;
                            provider: string;
                            role: string;
                            createdBy: string;
                            createTime: string;
                        }[];
                        nextPageToken: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createRoleBinding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example users/8f14e45f */
                    principal: string;
                    /** @example providers/prv_x */
                    provider: string;
                    /** @example roles/726f6c5f68386b6c46596c4a335350384e6a7377 */
                    role: string;
                    /** @description Output only; ignored in requests. */
                    readonly name?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createdBy?: unknown;
                    /** @description Output only; ignored in requests. */
                    readonly createTime?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example roleBindings/rb_x */
                        name: string;
                        /** @example users/8f14e45f */
                        principal: string;
                        provider: string;
                        role: string;
                        createdBy: string;
                        createTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getRoleBinding: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example roleBindings/rb_x */
                        name: string;
                        /** @example users/8f14e45f */
                        principal: string;
                        provider: string;
                        role: string;
                        createdBy: string;
                        createTime: string;
                    };
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteRoleBinding: {
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
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description The request is invalid: `detail` says what is wrong, `errors` lists the fields. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No valid bearer token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The token lacks the permission, or the resource belongs to another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No such resource. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description The change conflicts with the current state (a duplicate, or a resource still in use). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": {
                        /** @example https://keyward.dev/errors/not_found */
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        instance: string;
                        /** @description The error code, also the last segment of `type`. */
                        code: string;
                        /** @description The fields at fault, for 400 invalid_argument. */
                        errors?: ({
                            field: string;
                            description: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        requestId: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
}
