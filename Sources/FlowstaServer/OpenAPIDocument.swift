/// The OpenAPI 3.1 document served at `/openapi.json`.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Flowsta Auth API",
        "version": "0.1.0",
        "description": "Accounts, sign-in and sessions for Flowsta. Passwords never reach the server: registration and login use OPAQUE (RFC 9807, OPAQUE-3DH with ristretto255-SHA512; the client hardens the password with Argon2id, m=19456 KiB, t=2, p=1). The server stores only the OPAQUE registration record (and a second one for the recovery code), and the client's export_key never leaves the client; the user's root key reaches the server only sealed in envelopes it cannot open (tag `accounts`).\n\nRequest and response bodies are JSON, except where the OAuth 2.0 / OpenID Connect endpoints and the hosted pages say otherwise (see below). Byte fields carry the exact RFC 9807 serializations, base64url-encoded without padding. Every error has the body `{\"error\": string, \"error_description\": string}` and `Cache-Control: no-store`. Request bodies over 64 KiB are refused with `413 payload_too_large`; unknown paths answer `404 not_found`. A successful login (or a completed recovery or password reset) sets the `flowsta_session` cookie (HttpOnly, SameSite=Lax, Path=/, valid 7 days; under HTTPS it is Secure and named `__Host-flowsta_session`, as every cookie of the server gets the `__Host-` prefix there), which authenticates the signed-in `/auth` operations (`/auth/me`, `/auth/logout`, `/auth/keys`, `/auth/password`, `/auth/sessions`, ...), the vault and the management API.\n\nJSON endpoints need `Content-Type: application/json` with every body (`415 unsupported_media_type` otherwise, also when the header is missing). A request that changes something (POST, PUT, PATCH, DELETE) and is authenticated by a session cookie rather than an `Authorization` header must also come from this server's own pages, or it is refused with `403 cross_site_request`: `Sec-Fetch-Site`, when sent, must be `same-origin` or `none`; `Origin`, when sent, must be the issuer's origin (`null` is accepted only with `Sec-Fetch-Site: same-origin`); and the request must carry `Content-Type: application/json` even when it has no body (no cross-site form or `no-cors` fetch can send that without a CORS preflight, which cookie routes never grant). The HTML form routes (`/oauth/authorize`, `/account/...`, `/dashboard/...`) apply the same `Sec-Fetch-Site` and `Origin` rules (`Origin: null` is left to their `csrf_token`) and answer the `invalid_csrf` error page instead.\n\nThe management API under `/api/v1` (tag `management`) manages organizations, their members and invites, API keys, apps (OAuth clients) and audit log. It is authenticated by an organization API key (`Authorization: Bearer fsk_live_...`; when an `Authorization` header is present it alone counts) or by the `flowsta_session` cookie; without a valid credential it answers `401 unauthorized` with `WWW-Authenticate: Bearer`. Permissions: owner: everything; admin: team (non-owner roles), apps, keys; member: read; API keys: read + apps (no keys, team or organization changes). A role that is too low answers `403 forbidden`. Objects of other organizations and malformed ids answer `404 not_found` exactly like missing ones, so their existence is never revealed. Its error codes are `invalid_request` (400), `unauthorized` (401), `forbidden`, `plan_limit_reached` and `cross_site_request` (403), `not_found` (404), `conflict`, `last_owner`, `billing_not_configured` and `checkout_required` (409), `invite_expired` and `organization_deleted` (410), `payload_too_large` (413), `unsupported_media_type` (415), `rate_limited` (429), `server_error` (500) and `billing_provider_error` (502). Billing (owners only) goes through Stripe when the server has a Stripe key: Checkout and the customer portal are Stripe-hosted pages, Stripe's webhooks arrive at `/webhooks/stripe`, and invoices are mirrored; without a key the operator sets plans. Requests with an API key draw on the organization's rate limit (its plan's requests per second, a token bucket holding one second's worth) and carry `RateLimit-Policy` and `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers); over it they answer `429 rate_limited` with `Retry-After`. List operations take `limit` (1-100, default 50) and an opaque `cursor`, return `{\"items\": [...], \"next_cursor\": string|null}` and list oldest first. Ids are lowercase UUIDs and times RFC 3339 date-times in UTC; a time a request supplies (a cursor, `from`/`to`, an expiry) must lie within the years 1970 to 9999 (`400 invalid_request` otherwise).\n\nThe OAuth 2.0 / OpenID Connect provider (tag `OAuth 2.0 / OpenID Connect`) implements the authorization code grant with mandatory PKCE (S256 only), refresh tokens (rotated on every use; a reused one revokes the whole sign-in, except for one successor within a 10-second grace window) and client credentials, plus OIDC Discovery, JWKS, UserInfo, revocation (RFC 7009) and introspection (RFC 7662). Subjects (`sub`) are pairwise: each app sees its own identifier for a user. Access tokens are JWTs (`typ: at+jwt`, ES256, 1 hour); ID tokens are signed with the app's algorithm (RS256 by default); authorization codes live 60 seconds and are single use; refresh tokens live 30 days from their last rotation and at most 90 days from the sign-in that created them. The token, revocation, introspection and userinfo endpoints take `application/x-www-form-urlencoded` or JSON-object bodies of at most 64 KiB (the token endpoint refuses a repeated parameter). Their errors use the same `{\"error\", \"error_description\"}` body with the RFC 6749 §5.2 / RFC 6750 §3.1 codes, `Cache-Control: no-store` and `Pragma: no-cache`. Clients authenticate with HTTP Basic (`client_secret_basic`), with `client_id` and `client_secret` in the body (`client_secret_post`), or, as public clients, with `client_id` alone (`none`); using both Basic and a body secret is refused.\n\n`/oauth/authorize` and the hosted pages (tag `Hosted pages`) are for browsers: they answer `text/html` pages (with a strict `Content-Security-Policy` and `Cache-Control: no-store`) or redirects, use the `flowsta_session` cookie when present, and protect their forms with a per-session `csrf_token`. Until an authorization request's `client_id` and `redirect_uri` are verified its errors are shown on an HTML error page; after that they are sent to the app by redirect (RFC 6749 §4.1.2.1), always with `iss` (RFC 9207)."
      },
      "tags": [
        {
          "name": "accounts",
          "description": "OPAQUE registration (with the sign-up proof of work) and login, the session and the profile; the user's root key, password change, the recovery code, password reset, email verification and the user's sessions. The root key is 32 random bytes made by the user's client; the server never sees it and stores it only in envelopes, each the root key sealed under a key derived from an OPAQUE export key: the password's (`password`) or the recovery code's (`recovery`, a second OPAQUE record). The vault key is derived from the root key, so a password change or a recovery with the recovery code keeps everything; a reset through a link to the verified address makes a new root key and deletes the vault. Without a verified address and without the recovery code, nobody can take the account over or restore it."
        },
        {
          "name": "operations",
          "description": "Liveness, readiness, metrics and this document."
        },
        {
          "name": "management",
          "description": "Organizations, members, invites, API keys, apps (OAuth clients) and the audit log (`/api/v1`), for API keys and signed-in users."
        },
        {
          "name": "OAuth 2.0 / OpenID Connect",
          "description": "The OAuth 2.0 authorization server and OpenID Provider apps integrate with: discovery, JWKS, authorize, token, userinfo, revocation and introspection."
        },
        {
          "name": "Hosted pages",
          "description": "HTML pages users see: sign in, sign up, forgotten password, password reset and email verification, and their account with the apps connected to it."
        },
        {
          "name": "vault",
          "description": "The user's own activity (sign-ins, consent decisions), encrypted on the user's devices with a key derived from the user's root key (entries of accounts older than the root key: from the OPAQUE export key): the server stores ciphertext, a kind and an id, and cannot read them (P4). At most 5,000 entries of at most 4 KiB each and 2 MiB of ciphertext per account."
        },
        {
          "name": "Dashboard",
          "description": "The developer dashboard: server-rendered pages, signed in with Sign in with Flowsta."
        }
      ],
      "paths": {
        "/health": {
          "get": {
            "operationId": "getHealth",
            "summary": "Liveness check",
            "description": "Answers as long as the process serves requests.",
            "tags": [
              "operations"
            ],
            "responses": {
              "200": {
                "description": "The server is alive.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/HealthStatus"
                    }
                  }
                }
              }
            }
          }
        },
        "/ready": {
          "get": {
            "operationId": "getReadiness",
            "summary": "Readiness check",
            "description": "Ready when the database answers.",
            "tags": [
              "operations"
            ],
            "responses": {
              "200": {
                "description": "The server and its database are ready.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ReadyStatus"
                    }
                  }
                }
              },
              "503": {
                "description": "The database is not reachable (`not_ready`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_ready"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              }
            }
          }
        },
        "/openapi.json": {
          "get": {
            "operationId": "getOpenAPIDocument",
            "summary": "This OpenAPI document",
            "tags": [
              "operations"
            ],
            "responses": {
              "200": {
                "description": "The OpenAPI 3.1 document of every endpoint.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "description": "An OpenAPI 3.1.0 document."
                    }
                  }
                },
                "headers": {
                  "Cache-Control": {
                    "description": "The document may be cached for five minutes.",
                    "schema": {
                      "type": "string",
                      "const": "public, max-age=300"
                    }
                  }
                }
              }
            }
          }
        },
        "/auth/signup-challenge": {
          "get": {
            "operationId": "signupChallenge",
            "summary": "A sign-up challenge (proof of work)",
            "description": "A fresh challenge for the sign-up proof of work, which makes mass sign-up cost CPU time without the server learning anything about the client. The client finds a `nonce` of 1 to 20 decimal digits such that `SHA-256(UTF-8 of \"flowsta-signup-v1:\" challenge \":\" lowercase username \":\" nonce)` starts with `difficulty` zero bits, and sends both as `signup_proof` to `POST /auth/opaque/register/finish` within 10 minutes. At the default difficulty (20 bits) that is about a million hashes, about 0.4 s in Chromium on one core of the benchmark machine (slower devices take several times longer). Password changes need no proof.",
            "tags": [
              "accounts"
            ],
            "responses": {
              "200": {
                "description": "The challenge.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SignupChallenge"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/opaque/register/start": {
          "post": {
            "operationId": "registerStart",
            "summary": "Start an OPAQUE registration",
            "description": "Runs the server's `CreateRegistrationResponse` (RFC 9807 §5.2) for the credential identifier = the lowercase username. For a new account the username must be free. With a session cookie of the user who holds `username`, this starts a password change instead (finished with `POST /auth/password`, or with `register/finish` on an account without a root key), which needs an OPAQUE sign-in within the last 5 minutes (`403 reauthentication_required`).",
            "tags": [
              "accounts"
            ],
            "security": [
              {},
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The username and the client's RegistrationRequest.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RegisterStartRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The RegistrationResponse.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/RegisterStartResponse"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request (`invalid_request`) or a username that breaks the rules (`invalid_username`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_username"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "description": "A password change without a sign-in within the last 5 minutes (`reauthentication_required`), or a cross-site request (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "reauthentication_required",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The username is held by another account (`username_taken`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "username_taken"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/opaque/register/finish": {
          "post": {
            "operationId": "registerFinish",
            "summary": "Finish an OPAQUE registration",
            "description": "Stores the client's RegistrationRecord and creates the account (`201`). A new account needs `signup_proof`, a solution of a `GET /auth/signup-challenge` challenge for this username (unless the server's difficulty is 0). An `email` is sent a verification link (see `Email`); one that another account has verified is accepted all the same, stays unverified, and that address is sent one notice instead (at most one a day): the answer never tells whether an address has an account. With a session cookie of the user who holds `username`, this is a password change (`200`), which needs an OPAQUE sign-in within the last 5 minutes: the record is replaced atomically, every other session of the user ends, every OAuth grant of the user is revoked (apps' refresh and access tokens stop working; remembered consents stay), and `display_name`, `email`, `agent_pub_key` and `signup_proof` are ignored. This form is for RFC 9807 clients that know nothing of envelopes: an account that has a root key answers `409 envelope_required`, because the root key would be lost; it changes its password with `POST /auth/password`.",
            "tags": [
              "accounts"
            ],
            "security": [
              {},
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The RegistrationRecord and the optional profile fields.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RegisterFinishRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Password changed: the signed-in user's record was replaced.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserEnvelope"
                    }
                  }
                }
              },
              "201": {
                "description": "Account created.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserEnvelope"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request, bad field (`invalid_request`), a username that breaks the rules (`invalid_username`), a new account without `signup_proof` (`signup_proof_required`), or a proof that is forged, expired, for another username or not a solution (`invalid_signup_proof`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_username",
                                "signup_proof_required",
                                "invalid_signup_proof"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "description": "A password change without a sign-in within the last 5 minutes (`reauthentication_required`), or a cross-site request (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "reauthentication_required",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The username is held by another account (`username_taken`), or a password change on an account that has a root key (`envelope_required`: use `POST /auth/password`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "username_taken",
                                "envelope_required"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/opaque/login/start": {
          "post": {
            "operationId": "loginStart",
            "summary": "Start an OPAQUE login",
            "description": "Runs the server's `GenerateKE2` (RFC 9807 §6.4). Unknown usernames are answered with a fake KE2 of identical shape built from a fake record (RFC 9807 §10.9), so the response does not reveal whether an account exists. Attempts are rate limited in memory, by default 60 a minute per client address (an IPv4 address or an IPv6 /64; behind a trusted proxy the client it names), and 10 a minute per username for clients without a device token of that username. A client that sends the `flowsta_device` cookie of an earlier sign-in to this username is limited on its own bucket instead (10 a minute), so an attack on a username does not lock its owner out of browsers where they signed in before.",
            "tags": [
              "accounts"
            ],
            "requestBody": {
              "required": true,
              "description": "The username and the client's KE1.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/LoginStartRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The login handle and KE2.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/LoginStartResponse"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request (`invalid_request`) or a username that breaks the rules (`invalid_username`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_username"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "429": {
                "description": "Too many login attempts from this client address, for this username, or with this device token (`rate_limited`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Retry-After": {
                    "description": "Seconds to wait before retrying.",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 0
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "rate_limited"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/opaque/login/finish": {
          "post": {
            "operationId": "loginFinish",
            "summary": "Finish an OPAQUE login",
            "description": "Verifies the client's KE3 (RFC 9807 §6.4), opens a session and sets the device cookie the login throttle uses. The answer also carries the envelopes of the user's root key that this sign-in needs (`password`, and `legacy-vault` where present); an account without a root key has none. RFC 9807 clients that know nothing of envelopes may ignore them. The `login_id` is consumed whatever the outcome.",
            "tags": [
              "accounts"
            ],
            "requestBody": {
              "required": true,
              "description": "The login handle and the client's KE3.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/LoginFinishRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Signed in; the session and device cookies are set. The body holds the account and its envelopes.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SignInResponse"
                    }
                  }
                },
                "headers": {
                  "Set-Cookie": {
                    "description": "`flowsta_session=<token>` with Max-Age (the session lasts 7 days), Path=/, HttpOnly, SameSite=Lax; and `flowsta_device=<id>.<mac>` (1 year, the same attributes): a random id with a keyed MAC binding it to the username, which nothing on the server stores. Under HTTPS both are Secure and named with the `__Host-` prefix.",
                    "required": true,
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request (`invalid_request`) or an unknown, expired or already used `login_id` (`invalid_login`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_login"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "description": "Wrong password or no such account (`invalid_credentials`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_credentials"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/me": {
          "get": {
            "operationId": "getMe",
            "summary": "The signed-in user's profile",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "200": {
                "description": "The signed-in user.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserEnvelope"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "patch": {
            "operationId": "updateMe",
            "summary": "Update the signed-in user's profile",
            "description": "Absent fields are kept; `null` clears `display_name` or `email`. A username change keeps the password working. A new `email` is unverified (`email_verified` false) and is sent a verification link; one that another account has verified is accepted all the same, stays unverified, and that address is sent one notice instead (at most one a day).",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The fields to change.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ProfilePatchRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The updated user.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserEnvelope"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request, bad field (`invalid_request`) or a username that breaks the rules (`invalid_username`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_username"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "409": {
                "description": "The username is held by another account (`username_taken`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "username_taken"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "delete": {
            "operationId": "deleteMe",
            "summary": "Delete the signed-in user's account",
            "description": "Deletes the account and all its server-side data (sessions, pending logins, vault, consents), and clears the cookie. Organizations the user alone owns are deleted with it: deactivated at once and purged after 30 days, as when an owner deletes one. Needs an OPAQUE sign-in within the last 5 minutes (`403 reauthentication_required`).",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "204": {
                "description": "Account deleted.",
                "headers": {
                  "Set-Cookie": {
                    "$ref": "#/components/headers/ClearSessionCookie"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "description": "No sign-in within the last 5 minutes (`reauthentication_required`), or a cross-site request (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "reauthentication_required",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/logout": {
          "post": {
            "operationId": "logout",
            "summary": "End the current session",
            "description": "Ends the session of the cookie and clears the cookie.",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "204": {
                "description": "Signed out.",
                "headers": {
                  "Set-Cookie": {
                    "$ref": "#/components/headers/ClearSessionCookie"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/keys": {
          "get": {
            "operationId": "getKeys",
            "summary": "The locks of the user's root key",
            "description": "The kinds of envelope the signed-in user's account has. Without `password` the account has no root key yet (it is older than the root key, or was made by a third-party RFC 9807 client): a Flowsta client then makes one and stores it with `POST /auth/keys`.",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "200": {
                "description": "The kinds.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/KindsResponse"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "post": {
            "operationId": "setUpRootKey",
            "summary": "Store the root key's first envelopes",
            "description": "Stores the envelopes of a new root key: at sign-up, or at the first sign-in with a Flowsta client of an account that has none. The client makes the root key (32 random bytes), which the server never sees, and sends it sealed: the `password` envelope under this sign-in's export key (required), the `legacy-vault` envelope where the account has vault entries of format 1, and optionally the recovery code (`recovery`, after `POST /auth/recovery/register/start`). The server checks each envelope's size and format byte only. Needs an OPAQUE sign-in within the last 5 minutes (`403 reauthentication_required`). An account that has a root key answers `409 root_key_exists`: its locks change with `POST /auth/password` and `PUT /auth/recovery`.",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The envelopes and the optional recovery code.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/KeySetupRequest"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Stored: the account's locks now.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/KindsResponse"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request (`invalid_request`): an unknown kind or a kind twice, no `password` envelope, a `recovery` envelope in `envelopes` (it goes in `recovery`), an envelope that is not a sealed key of format 1 (61 bytes starting with 0x01), or a record that is not a RegistrationRecord.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "description": "No sign-in within the last 5 minutes (`reauthentication_required`), or a cross-site request (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "reauthentication_required",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The account has a root key already (`root_key_exists`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "root_key_exists"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/recovery/register/start": {
          "post": {
            "operationId": "recoveryRegisterStart",
            "summary": "Start registering a recovery code",
            "description": "Runs the server's `CreateRegistrationResponse` (RFC 9807 §5.2) for the signed-in user's recovery code, credential identifier `recovery:<user id>`. The client makes the code (15 random bytes, 24 characters of Crockford base32, shown once in six groups of four), registers its normalized form as the password, and stores the record and the `recovery` envelope with `POST /auth/keys` (the first time) or `PUT /auth/recovery`. Needs an OPAQUE sign-in within the last 5 minutes (`403 reauthentication_required`).",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The client's RegistrationRequest for the recovery code.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RecoveryRegisterStartRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The RegistrationResponse.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/RegisterStartResponse"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "description": "No sign-in within the last 5 minutes (`reauthentication_required`), or a cross-site request (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "reauthentication_required",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/recovery": {
          "put": {
            "operationId": "replaceRecoveryCode",
            "summary": "Replace the recovery code",
            "description": "Stores a new recovery code: its RegistrationRecord (after `POST /auth/recovery/register/start`) and the root key sealed under its export key. The old code stops working at once. Needs an OPAQUE sign-in within the last 5 minutes (`403 reauthentication_required`). An account without a root key answers `409 root_key_required` (`POST /auth/keys` first).",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The new recovery code's record and envelope.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RecoveryLock"
                  }
                }
              }
            },
            "responses": {
              "204": {
                "description": "Replaced."
              },
              "400": {
                "description": "Malformed request, a record that is not a RegistrationRecord or an envelope that is not a sealed key of format 1 (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "description": "No sign-in within the last 5 minutes (`reauthentication_required`), or a cross-site request (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "reauthentication_required",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The account has no root key yet (`root_key_required`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "root_key_required"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/password": {
          "post": {
            "operationId": "changePassword",
            "summary": "Change the password, keeping the root key",
            "description": "After `POST /auth/opaque/register/start` with the session (the signed-in user's username), stores the new password's RegistrationRecord and the root key re-sealed under the new export key (`envelope`) in one transaction: both change or neither. The root key stays, so the vault, the recovery code and everything else stay. Every other session of the user ends, and every OAuth grant of the user is revoked in all apps (apps' refresh and access tokens stop working; remembered consents stay). Needs an OPAQUE sign-in within the last 5 minutes (`403 reauthentication_required`). `envelope` is required when the account has a root key (`409 envelope_required`); an account without one (a third-party RFC 9807 client's) may omit it.",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The new RegistrationRecord and the re-sealed root key.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/PasswordChangeRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Password changed.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserEnvelope"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request, a record that is not a RegistrationRecord or an envelope that is not a sealed key of format 1 (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "description": "No sign-in within the last 5 minutes (`reauthentication_required`), or a cross-site request (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "reauthentication_required",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The account has a root key and the request has no `envelope` (`envelope_required`): the root key would be lost.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "envelope_required"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/recovery/start": {
          "post": {
            "operationId": "recoveryStart",
            "summary": "Start a recovery with the recovery code",
            "description": "\"Forgot password\" with the recovery code, step 1: runs the server's `GenerateKE2` (RFC 9807 §6.4) against the account's recovery record (credential identifier `recovery:<user id>`). The client runs the OPAQUE login with the normalized recovery code (24 characters of Crockford base32, hyphens and spaces removed, uppercased, `O` read as `0`, `I` and `L` as `1`) as the password: the code itself is never sent. Like a sign-in, an unknown username or an account without a recovery code is answered from a fake record, so the response does not reveal either. Attempts are limited like `POST /auth/opaque/login/start` (per client address, per username and per device token), recovery attempts on a username counted apart from its sign-ins.",
            "tags": [
              "accounts"
            ],
            "requestBody": {
              "required": true,
              "description": "The username and the client's KE1 for the recovery code.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/LoginStartRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The login handle (for `POST /auth/recovery/finish`, valid 60 seconds) and KE2.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/LoginStartResponse"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request (`invalid_request`) or a username that breaks the rules (`invalid_username`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_username"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "429": {
                "description": "Too many recovery attempts from this client address, for this username, or with this device token (`rate_limited`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Retry-After": {
                    "description": "Seconds to wait before retrying.",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 0
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "rate_limited"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/recovery/finish": {
          "post": {
            "operationId": "recoveryFinish",
            "summary": "Prove the recovery code",
            "description": "Step 2: verifies the client's KE3 (the recovery code was right) and answers with what the client needs to set a new password: the `recovery` envelope (and `legacy-vault` where present), the RegistrationResponse for the new password and a single-use `recovery_token`, valid 10 minutes. No session opens yet. The `login_id` is consumed whatever the outcome.",
            "tags": [
              "accounts"
            ],
            "requestBody": {
              "required": true,
              "description": "The login handle, the client's KE3 and the RegistrationRequest for the new password.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RecoveryFinishRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The recovery token, the envelopes and the RegistrationResponse.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/RecoveryFinishResponse"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request (`invalid_request`) or an unknown, expired or already used `login_id` (`invalid_login`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_login"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "description": "Wrong recovery code, no such account, or an account without a recovery code (`invalid_credentials`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_credentials"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/recovery/complete": {
          "post": {
            "operationId": "recoveryComplete",
            "summary": "Set a new password after the recovery code",
            "description": "Step 3: stores the new password's RegistrationRecord and the root key sealed under its export key (the new `password` envelope) in one transaction, and uses the recovery token up. Nothing is lost: the root key, so the vault, stays, and so does the recovery code. Every session of the user ends and every OAuth grant of the user is revoked (apps' refresh and access tokens stop working; remembered consents stay), as with a password change; then a new session opens and the session and device cookies are set as by `POST /auth/opaque/login/finish`.",
            "tags": [
              "accounts"
            ],
            "requestBody": {
              "required": true,
              "description": "The recovery token, the new password's RegistrationRecord and the re-sealed root key.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RecoveryCompleteRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Password set and signed in; the session and device cookies are set.",
                "headers": {
                  "Set-Cookie": {
                    "description": "As by `POST /auth/opaque/login/finish`: `flowsta_session=<token>` with Max-Age (the session lasts 7 days), Path=/, HttpOnly, SameSite=Lax; and `flowsta_device=<id>.<mac>` (1 year, the same attributes), the device cookie the login throttle uses. Under HTTPS both are Secure and named with the `__Host-` prefix.",
                    "required": true,
                    "schema": {
                      "type": "string"
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserEnvelope"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request, a record that is not a RegistrationRecord or an envelope that is not a sealed key of format 1 (`invalid_request`), or a recovery token that is unknown, used or expired (`invalid_token`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_token"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/password-reset": {
          "post": {
            "operationId": "requestPasswordReset",
            "summary": "Ask for a password-reset link",
            "description": "\"Forgot password\" without the recovery code: when `email` is the verified address of an account, mails it a reset link, `/reset#token=...` (single use, valid 30 minutes; at most 3 links per account in 24 hours, further requests send nothing). The answer is `202 {}` whether or not an account has the address, so it never tells. Nothing is sent to an unverified address, nor when the server has no mail set up. A reset makes a new root key: the vault is deleted (see `POST /auth/password-reset/complete`).",
            "tags": [
              "accounts"
            ],
            "requestBody": {
              "required": true,
              "description": "The email address.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/PasswordResetRequest"
                  }
                }
              }
            },
            "responses": {
              "202": {
                "description": "Accepted (whether or not a link was sent).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/EmptyObject"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request or an `email` that is not a valid address (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/password-reset/start": {
          "post": {
            "operationId": "passwordResetStart",
            "summary": "Start a password reset",
            "description": "Checks the reset link's token without using it up and runs the server's `CreateRegistrationResponse` (RFC 9807 §5.2) for the new password (credential identifier: the lowercase username) and, when `recovery_registration_request` is sent, for a new recovery code (`recovery:<user id>`). Answers with the account's id (for the envelopes' additional data) and username. The token stops working once used, after 30 minutes, or when the account's verified address has changed since the link was sent.",
            "tags": [
              "accounts"
            ],
            "requestBody": {
              "required": true,
              "description": "The reset token and the RegistrationRequests.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ResetStartRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The RegistrationResponses and the account.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ResetStartResponse"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request (`invalid_request`), or a reset token that is unknown, used or expired (`invalid_token`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_token"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/password-reset/complete": {
          "post": {
            "operationId": "passwordResetComplete",
            "summary": "Finish a password reset",
            "description": "Sets the new password with a **new** root key, made by the client: in one transaction the RegistrationRecord replaces the old one, `envelope` becomes the only envelope, `recovery` (optional) the new recovery code (without it the account has none), and the vault is emptied: its entries were sealed under the old root key, which nobody can open any more. The token and every other reset link of the account are used up. The username, email address, connected apps, consents and organizations stay. Every session of the user ends and every OAuth grant of the user is revoked (apps' refresh and access tokens stop working; remembered consents stay); then a new session opens and the session and device cookies are set as by `POST /auth/opaque/login/finish`.",
            "tags": [
              "accounts"
            ],
            "requestBody": {
              "required": true,
              "description": "The reset token, the new password's RegistrationRecord, the new root key's envelope and optionally a new recovery code.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ResetCompleteRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Password reset and signed in; the session and device cookies are set.",
                "headers": {
                  "Set-Cookie": {
                    "description": "As by `POST /auth/opaque/login/finish`: `flowsta_session=<token>` with Max-Age (the session lasts 7 days), Path=/, HttpOnly, SameSite=Lax; and `flowsta_device=<id>.<mac>` (1 year, the same attributes), the device cookie the login throttle uses. Under HTTPS both are Secure and named with the `__Host-` prefix.",
                    "required": true,
                    "schema": {
                      "type": "string"
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserEnvelope"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request, a record that is not a RegistrationRecord or an envelope that is not a sealed key of format 1 (`invalid_request`), or a reset token that is unknown, used or expired, or whose address changed (`invalid_token`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_token"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/email/verification": {
          "post": {
            "operationId": "requestEmailVerification",
            "summary": "Send a new verification link",
            "description": "Mails the signed-in user's unverified address a new verification link (`/verify-email#token=...`, single use, valid 24 hours; links sent earlier keep working until used or expired). At most 5 links per account in 24 hours, counting the one sent when the address was set (`429 rate_limited`). Nothing is sent when the server has no mail set up. Takes no body (but, like every signed-in change, `Content-Type: application/json`).",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "202": {
                "description": "Sent.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/EmptyObject"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "409": {
                "description": "The account has no address, or it is verified already (`nothing_to_verify`), or another account verified this address (`email_in_use`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "nothing_to_verify",
                                "email_in_use"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "429": {
                "description": "5 links in the last 24 hours (`rate_limited`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Retry-After": {
                    "description": "Seconds to wait before retrying (3600).",
                    "required": true,
                    "schema": {
                      "type": "integer",
                      "minimum": 0
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "rate_limited"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/email/verify": {
          "post": {
            "operationId": "verifyEmail",
            "summary": "Verify an email address",
            "description": "Follows a verification link (`/verify-email#token=...`, single use, valid 24 hours); needs no session. The address becomes verified (`email_verified` true) and reserved to this account: no other account can verify it, and it can now receive reset links. Verifying uses up every other verification link of the account. A link stops working when the account's address changed since it was sent.",
            "tags": [
              "accounts"
            ],
            "requestBody": {
              "required": true,
              "description": "The token of the verification link.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/EmailVerificationRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Verified: the account.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserEnvelope"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed request (`invalid_request`), or a token that is unknown, used or expired, or for an address the account no longer has (`invalid_token`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_token"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "409": {
                "description": "Another account verified this address first (`email_in_use`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "email_in_use"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/sessions": {
          "get": {
            "operationId": "listSessions",
            "summary": "The user's sessions",
            "description": "Where the user is signed in: the user's sessions, newest first, at most 100, each with the day it began, when it expires and whether it is this one. Flowsta keeps no device name or address.",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "200": {
                "description": "The sessions.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SessionList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "delete": {
            "operationId": "endOtherSessions",
            "summary": "Sign out everywhere else",
            "description": "Ends every session of the user except this one.",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "204": {
                "description": "The other sessions ended."
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/sessions/{id}": {
          "delete": {
            "operationId": "endSession",
            "summary": "End one session",
            "description": "Ends one of the sessions `GET /auth/sessions` lists. When it is this request's session, the cookie is cleared as by `POST /auth/logout`.",
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "The session's `id` from `GET /auth/sessions`; anything else answers `404 not_found`.",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9a-f]{32}$"
                }
              }
            ],
            "responses": {
              "204": {
                "description": "The session ended.",
                "headers": {
                  "Set-Cookie": {
                    "$ref": "#/components/headers/ClearSessionCookie"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "404": {
                "description": "No such session of this user (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/api/v1/orgs": {
          "post": {
            "operationId": "createOrganization",
            "summary": "Create an organization",
            "description": "Creates an organization on the `free` plan; the signed-in caller becomes its owner. API keys cannot create organizations. Recorded in the audit log as `organization.created`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The organization's business information.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/CreateOrganizationRequest"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The organization, with the caller's role `owner`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Organization"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed body or an invalid `name`, `contact_email` or `billing_address` (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "API keys cannot create organizations (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              }
            }
          },
          "get": {
            "operationId": "listOrganizations",
            "summary": "List the caller's organizations",
            "description": "A user gets the organizations they belong to, with their role in each. An API key gets exactly its own organization (with `role` null) and `next_cursor` null.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of organizations.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/OrganizationPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidPage"
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              }
            }
          }
        },
        "/api/v1/orgs/{org}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/OrganizationID"
            }
          ],
          "get": {
            "operationId": "getOrganization",
            "summary": "Get an organization",
            "description": "Needs the read permission (any member, or an API key of this organization). Members still see a deleted organization (with `deleted_at` and `restorable_until`) until it is purged.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "200": {
                "description": "The organization.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Organization"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              }
            }
          },
          "patch": {
            "operationId": "updateOrganization",
            "summary": "Update an organization",
            "description": "Changes business information (owners only; not API keys). Absent fields are kept; `null` clears `contact_email` or `billing_address`. Recorded as `organization.updated`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The fields to change.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/UpdateOrganizationRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The updated organization.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Organization"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed body or an invalid `name`, `contact_email` or `billing_address` (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is not an owner, or is an API key (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          },
          "delete": {
            "operationId": "deleteOrganization",
            "summary": "Delete the organization (owners)",
            "description": "Deletes the developer account: the organization is deactivated at once (its apps stop signing users in, its API keys stop working, nothing can be changed), owners are emailed the restore deadline, and an owner can restore it for 30 days. After that the retention job purges it with its members, invites, apps, keys, audit log, usage, API logs and MAU counts, and emails the owners; billing records are kept for 7 years. Owners, signed in (not API keys). Recorded as `organization.deleted`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "200": {
                "description": "The organization, with `deleted_at` and `restorable_until`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Organization"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is not an owner, or is an API key (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/members": {
          "get": {
            "operationId": "listMembers",
            "summary": "List members",
            "description": "The organization's members, oldest membership first. Needs the read permission.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of members.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/MemberPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidPage"
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/members/{user}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/OrganizationID"
            },
            {
              "$ref": "#/components/parameters/UserID"
            }
          ],
          "patch": {
            "operationId": "changeMemberRole",
            "summary": "Change a member's role",
            "description": "Admins and owners change roles (not API keys); only owners grant or take away the `owner` role, and the last owner cannot be demoted. Recorded as `member.role_changed:<old>-><new>`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The new role.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ChangeRoleRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The member with the new role.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Member"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed body or an unknown `role` (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member or an API key, or an admin granting or taking away the owner role (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or the user is not a member (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The change would leave the organization without an owner (`last_owner`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "last_owner"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          },
          "delete": {
            "operationId": "removeMember",
            "summary": "Remove a member",
            "description": "Admins remove members and admins, owners also owners (not API keys); the last owner cannot be removed. Recorded as `member.removed`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "204": {
                "description": "The member was removed."
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member or an API key, or an admin removing an owner (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or the user is not a member (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The member is the organization's last owner (`last_owner`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "last_owner"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/leave": {
          "post": {
            "operationId": "leaveOrganization",
            "summary": "Leave an organization",
            "description": "The signed-in caller leaves the organization; API keys cannot. The last owner cannot leave: promote another member first. Recorded as `member.left`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              }
            ],
            "responses": {
              "204": {
                "description": "The caller left the organization."
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "API keys cannot leave an organization (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The caller is the organization's last owner (`last_owner`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "last_owner"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/keys": {
          "get": {
            "operationId": "listAPIKeys",
            "summary": "List API keys",
            "description": "Metadata of the organization's API keys, revoked ones included, oldest first; never the keys themselves. Needs the read permission.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of API keys.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/APIKeyPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidPage"
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          },
          "post": {
            "operationId": "createAPIKey",
            "summary": "Create an API key",
            "description": "Mints a key for the organization (admins and owners; not API keys). The response is the only one that ever contains the full key: store it then. Recorded as `api_key.created`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The key's name and optional expiry.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/CreateAPIKeyRequest"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The key's metadata and the full key.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CreatedAPIKey"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed body, an invalid `name`, or an `expires_at` not in the future or more than 10 years ahead (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member or an API key (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/keys/{key}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/OrganizationID"
            },
            {
              "$ref": "#/components/parameters/KeyID"
            }
          ],
          "delete": {
            "operationId": "revokeAPIKey",
            "summary": "Revoke an API key",
            "description": "Revokes the key (admins and owners; not API keys): it stops working at once on this instance and within 5 seconds on others. Recorded as `api_key.revoked`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "204": {
                "description": "The key was revoked."
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member or an API key (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or no such key in it, or the key is already revoked (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/keys/{key}/rotate": {
          "post": {
            "operationId": "rotateAPIKey",
            "summary": "Rotate an API key",
            "description": "Issues a replacement key with the same name and expiry (admins and owners; not API keys). The old key keeps working for `grace_hours` (default 24; never past its own expiry). The body is optional. The response is the only one that contains the new full key. Recorded as `api_key.rotated`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "$ref": "#/components/parameters/KeyID"
              }
            ],
            "requestBody": {
              "required": false,
              "description": "The grace period of the old key; may be omitted.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RotateAPIKeyRequest"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The new key's metadata and the full new key.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CreatedAPIKey"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed body or `grace_hours` outside 0-720 (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member or an API key (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or no such key in it, or the key is revoked or expired (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/audit": {
          "get": {
            "operationId": "listAuditEvents",
            "summary": "Read the audit log",
            "description": "Who did what to which object in the organization, oldest first. Needs the read permission.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of audit events.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AuditEventPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidPage"
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/apps": {
          "post": {
            "operationId": "createApp",
            "summary": "Create an app",
            "description": "Registers an app (OAuth client) for the organization (admins, owners and API keys). `name`, `type` and `redirect_uris` are required; `allowed_scopes` defaults to `[\"openid\", \"profile\"]` and `active` to true. The app gets a `client_id` (`flowsta_app_...`) and no client secret: it is a public client until `POST .../apps/{app}/secret` issues one. The number of apps is limited by the plan (free 1, spark 10, pro 100, enterprise unlimited). Recorded as `app.created`. When an API key creates the app, the owners are mailed a security alert naming its redirect URIs.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The app's settings.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/CreateAppRequest"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The new app.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/App"
                    }
                  }
                }
              },
              "400": {
                "description": "Missing `name`, `type` or `redirect_uris`. Malformed body, or an invalid `name`, `type`, `redirect_uris`, `allowed_scopes`, `description`, `logo_url`, `privacy_url` or `terms_url` (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member (app management needs admin or owner, or an API key of this organization) (`forbidden`), or the organization already has as many apps as its plan allows (`plan_limit_reached`, e.g. 1 on the free plan). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "plan_limit_reached",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          },
          "get": {
            "operationId": "listApps",
            "summary": "List apps",
            "description": "The organization's apps, oldest first, disabled ones included; never a client secret. Needs the read permission.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of apps.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AppPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidPage"
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/apps/{app}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/OrganizationID"
            },
            {
              "$ref": "#/components/parameters/AppID"
            }
          ],
          "get": {
            "operationId": "getApp",
            "summary": "Get an app",
            "description": "One app; never its client secret. Needs the read permission.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "200": {
                "description": "The app.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/App"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or no such app in it (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          },
          "patch": {
            "operationId": "updateApp",
            "summary": "Update an app",
            "description": "Changes an app's settings (admins, owners and API keys). Absent fields are kept; `null` clears `description`, `logo_url`, `privacy_url` or `terms_url`. `redirect_uris` and `allowed_scopes` replace the whole list; a new `type` re-checks the redirect URIs (the given or the current ones) against it. `active: false` disables the app (it stops signing users in), `active: true` enables it again. `client_id` and the client secret cannot be changed here. Recorded as `app.disabled`, `app.enabled` or `app.updated`. Adding a redirect URI mails the owners a security alert naming it.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The settings to change.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/UpdateAppRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The updated app.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/App"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed body, or an invalid `name`, `type`, `redirect_uris`, `allowed_scopes`, `description`, `logo_url`, `privacy_url` or `terms_url` (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member (app management needs admin or owner, or an API key of this organization) (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or no such app in it (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          },
          "delete": {
            "operationId": "deleteApp",
            "summary": "Delete an app",
            "description": "Deletes the app and its client secret (admins, owners and API keys); this frees a place in the plan's app limit. Recorded as `app.deleted`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "204": {
                "description": "The app was deleted."
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member (app management needs admin or owner, or an API key of this organization) (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or no such app in it (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/apps/{app}/secret": {
          "post": {
            "operationId": "rotateAppClientSecret",
            "summary": "Issue or rotate an app's client secret",
            "description": "Issues a new client secret (`flowsta_secret_...`) for the app (admins, owners and API keys); takes no request body. The response is the only one that ever contains the secret: store it then (the server keeps only a keyed hash). A previous secret stops working at once. The app becomes a confidential client (`confidential: true`). Recorded as `app.secret_rotated`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "$ref": "#/components/parameters/AppID"
              }
            ],
            "responses": {
              "201": {
                "description": "The app and its new client secret.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AppClientSecret"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member (app management needs admin or owner, or an API key of this organization) (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or no such app in it (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/invites": {
          "post": {
            "operationId": "createInvite",
            "summary": "Invite someone by email",
            "description": "Invites an email address to the organization with a role (admins and owners; not API keys; only owners invite owners). An email with a single-use accept link (`/invites/accept?token=...`, valid 7 days) is queued for the address; the token never appears in any response. Members plus pending invites may not exceed the plan's team seats (free 1, spark 1, pro 5, enterprise unlimited). An address can have one pending invite per organization: use `POST .../invites/{invite}/resend` to send it again. Recorded as `invite.created`. An invite is mailed at most 5 times (the first mail included), and an organization sends at most 50 invite mails (new and resent) in 24 hours; beyond either, `429 rate_limited`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The address to invite and the role it will get.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/CreateInviteRequest"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The pending invite.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Invite"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed body, an invalid `email` or an unknown `role` (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member or an API key (invites need admin or owner), or an admin inviting an owner (`forbidden`); or members and pending invites already fill the plan's team seats (`plan_limit_reached`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "plan_limit_reached",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The address already has a pending invite to this organization (`conflict`); resend it instead.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "conflict"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "description": "Too many requests with this organization's API keys (see the `RateLimited` response; with `Retry-After`), or the organization's 50 invite mails of the last 24 hours are used up (`rate_limited`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Retry-After": {
                    "$ref": "#/components/headers/RetryAfter"
                  },
                  "RateLimit-Policy": {
                    "$ref": "#/components/headers/RateLimitPolicy"
                  },
                  "RateLimit": {
                    "$ref": "#/components/headers/RateLimit"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "rate_limited"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          },
          "get": {
            "operationId": "listInvites",
            "summary": "List pending invites",
            "description": "The organization's pending invites, oldest first; never their tokens (admins and owners; not API keys).",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of invites.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/InvitePage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidPage"
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member or an API key (invites need admin or owner) (`forbidden`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/invites/{invite}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/OrganizationID"
            },
            {
              "$ref": "#/components/parameters/InviteID"
            }
          ],
          "delete": {
            "operationId": "revokeInvite",
            "summary": "Revoke an invite",
            "description": "Deletes the pending invite (admins and owners; not API keys): its link stops working and its seat is freed. Recorded as `invite.revoked`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "204": {
                "description": "The invite was revoked."
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member or an API key (invites need admin or owner) (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or no such pending invite in it (accepted, revoked and expired invites are deleted) (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/invites/{invite}/resend": {
          "post": {
            "operationId": "resendInvite",
            "summary": "Resend an invite",
            "description": "Emails the invite again with a new single-use link (admins and owners; not API keys); takes no request body. The previous link stops working and the invite is valid for 7 more days from now. Recorded as `invite.resent`. An invite is mailed at most 5 times (the first mail included), and an organization sends at most 50 invite mails (new and resent) in 24 hours; beyond either, `429 rate_limited`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "$ref": "#/components/parameters/InviteID"
              }
            ],
            "responses": {
              "200": {
                "description": "The invite with its new `expires_at`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Invite"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is a member or an API key (invites need admin or owner) (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller: unknown, the caller is not a member, or an API key of another organization, or no such pending invite in it (accepted, revoked and expired invites are deleted) (`not_found`). Other organizations' objects and malformed ids get the same answer, so their existence is never revealed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "description": "Too many requests with this organization's API keys (see the `RateLimited` response; with `Retry-After`), the organization's 50 invite mails of the last 24 hours are used up, or this invite was already mailed 5 times (`rate_limited`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Retry-After": {
                    "$ref": "#/components/headers/RetryAfter"
                  },
                  "RateLimit-Policy": {
                    "$ref": "#/components/headers/RateLimitPolicy"
                  },
                  "RateLimit": {
                    "$ref": "#/components/headers/RateLimit"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "rate_limited"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/invites/accept": {
          "post": {
            "operationId": "acceptInvite",
            "summary": "Accept an invite",
            "description": "The signed-in user (session cookie; API keys cannot) accepts an invite with the token from its email link and joins the organization with the invite's role. The token works once: the invite is deleted on acceptance. An invite older than 7 days is deleted and answers `410 invite_expired`. Recorded as `member.joined:<role>`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The token from the invite link.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/AcceptInviteRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The organization joined, with the caller's role (the invite's).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Organization"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed body or a missing `token` (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "API keys cannot accept invites (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "Unknown token, or one already used or revoked (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The caller is already a member of the organization (`conflict`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "conflict"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "410": {
                "description": "The invite is more than 7 days old (`invite_expired`); it is deleted, ask for a new one.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invite_expired"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              }
            }
          }
        },
        "/.well-known/openid-configuration": {
          "get": {
            "operationId": "getOpenIDConfiguration",
            "summary": "OpenID Connect Discovery document",
            "description": "The OpenID Provider Metadata: endpoints, supported scopes, grant types, algorithms and auth methods.",
            "tags": [
              "OAuth 2.0 / OpenID Connect"
            ],
            "responses": {
              "200": {
                "description": "The provider metadata.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/PublicFiveMinutes"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DiscoveryDocument"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/.well-known/jwks.json": {
          "get": {
            "operationId": "getJWKS",
            "summary": "The public signing keys (JWKS)",
            "description": "The keys that verify ID tokens and access tokens, selected by the token header's `kid`. During a key rotation both the old and the new keys are listed.",
            "tags": [
              "OAuth 2.0 / OpenID Connect"
            ],
            "responses": {
              "200": {
                "description": "The key set.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/PublicFiveMinutes"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/JWKSet"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/oauth/authorize": {
          "get": {
            "operationId": "authorize",
            "summary": "Authorization endpoint (start of sign-in)",
            "description": "The browser is sent here by the app (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, PKCE with S256 required). Without a session cookie (or with `prompt=login`, or a session older than `max_age`) it shows the sign-in page, which returns here afterwards. A signed-in user who already agreed to the requested scopes for this app gets a short pass-through page whose script posts the approval at once with the user's analytics id (zero-knowledge MAU, see `GET /api/v1/apps/{app}/mau`); otherwise the consent page is shown, which sends the analytics id with \"Allow\". With `prompt=none` no page is ever shown: consent on record redirects at once with a code (such a silent sign-in is not counted). A repeated parameter is refused. Errors found before `client_id` and `redirect_uri` are verified are shown as an HTML error page (never redirected); later ones (`invalid_request`, `unsupported_response_type`, `invalid_scope`, and `login_required` or `consent_required` under `prompt=none`) go to the app by redirect.",
            "tags": [
              "OAuth 2.0 / OpenID Connect"
            ],
            "security": [
              {
                "sessionCookie": []
              },
              {}
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AuthorizeResponseType"
              },
              {
                "$ref": "#/components/parameters/AuthorizeClientId"
              },
              {
                "$ref": "#/components/parameters/AuthorizeRedirectUri"
              },
              {
                "$ref": "#/components/parameters/AuthorizeScope"
              },
              {
                "$ref": "#/components/parameters/AuthorizeState"
              },
              {
                "$ref": "#/components/parameters/AuthorizeNonce"
              },
              {
                "$ref": "#/components/parameters/AuthorizeCodeChallenge"
              },
              {
                "$ref": "#/components/parameters/AuthorizeCodeChallengeMethod"
              },
              {
                "$ref": "#/components/parameters/AuthorizePrompt"
              },
              {
                "$ref": "#/components/parameters/AuthorizeMaxAge"
              },
              {
                "$ref": "#/components/parameters/AuthorizeResponseMode"
              }
            ],
            "responses": {
              "200": {
                "description": "The sign-in page (not signed in, `prompt=login`, or `max_age` exceeded) or the consent page (a form posting to `POST /oauth/authorize`).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "302": {
                "description": "To the app: with `code` (consent already on record), or with an error (`invalid_request`, `unsupported_response_type`, `invalid_scope`, `login_required`, `consent_required`, `server_error`).",
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/AuthorizationResponseLocation"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "The HTML error page: `client_id` missing or unknown, app disabled (`unauthorized_client`), `redirect_uri` not registered (or missing when the app has several), or a repeated parameter.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "description": "The request could not be processed: an HTML error page (`server_error`), or the JSON error body when the failure happened after validation.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  },
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "server_error"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              }
            }
          },
          "post": {
            "operationId": "decideAuthorization",
            "summary": "The consent page's answer",
            "description": "Submitted by the consent page or by the pass-through page of a remembered consent (`flow=continue`). Needs the session cookie and the page's `csrf_token`; the authorization request is validated again. `decision=allow` records the consent (remembered for later requests) and redirects to the app with a code; `email` is granted only with `share_email=yes`. Any other decision redirects with `error=access_denied`. The page's script adds `analytics_id` for the app and `analytics_month`: the server stores `(analytics_id, app_id, month)` once. So that one account adds at most one active user per app and month whatever ids it posts, the first id also claims a keyed hash of user, app and month (`mau_members`), which is never linked to the id and is deleted when the month closes; later ids of the same account are not stored. On the free plan, when the organization's apps already have 10,000 active users this month, a user not yet counted (or a post without an analytics id) is refused: the user sees a page explaining it, with a link taking them back to the app with `error=access_denied` and an `error_description` naming the limit.",
            "tags": [
              "OAuth 2.0 / OpenID Connect"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The consent form.",
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/AuthorizationDecisionForm"
                  }
                }
              }
            },
            "responses": {
              "302": {
                "description": "The re-validated request has an error the app is told about by redirect (as for `GET`).",
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/AuthorizationResponseLocation"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "303": {
                "description": "To the app: with `code` (allowed) or `error=access_denied` (denied), plus `state` and `iss`.",
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/AuthorizationResponseLocation"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "The HTML error page for an invalid `client_id` or `redirect_uri`, or a JSON `invalid_request` error for a body that is not form-encoded (or JSON).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  },
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "description": "The HTML error page `login_required`: no valid session (it ended); the user goes back to the app and signs in again.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "The HTML error page `invalid_csrf`: the `csrf_token` is missing or not the one of this session, or `Sec-Fetch-Site` or `Origin` show another site. Also the HTML page shown when the free plan's monthly active users are used up: its \"Back to the app\" link carries `error=access_denied`, an `error_description` naming the limit, `state` and `iss`.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/OAuthPayloadTooLarge"
              },
              "500": {
                "description": "The request could not be processed: an HTML error page (`server_error`), or the JSON error body when the failure happened after validation.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  },
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "server_error"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              }
            }
          }
        },
        "/oauth/token": {
          "post": {
            "operationId": "token",
            "summary": "Token endpoint",
            "description": "Exchanges an authorization code (with its PKCE verifier), a refresh token or client credentials for tokens. The client authenticates with HTTP Basic, with `client_secret` in the body, or, as a public client, with `client_id` only. `client_credentials` is only for confidential clients and issues an access token without user scopes (its `sub` is the client id). An authorization code is checked (client, `redirect_uri`, PKCE verifier) before it is spent, so a failed exchange does not burn it; a spent code presented again revokes what it issued. Each refresh rotates the refresh token. A rotated one presented again within 10 seconds (concurrent refreshes) gets exactly one successor, then `invalid_grant` with the sign-in kept; later it revokes the whole sign-in. Refresh tokens live 30 days from their last rotation and at most 90 days from the sign-in that created them.",
            "tags": [
              "OAuth 2.0 / OpenID Connect"
            ],
            "security": [
              {
                "clientBasic": []
              },
              {}
            ],
            "requestBody": {
              "required": true,
              "description": "The grant, as a form (RFC 6749) or a JSON object of strings.",
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/TokenRequest"
                  }
                },
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/TokenRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The tokens.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  },
                  "Pragma": {
                    "$ref": "#/components/headers/PragmaNoCache"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/TokenResponse"
                    }
                  }
                }
              },
              "400": {
                "description": "The request was refused (RFC 6749 §5.2): malformed or unsupported body, missing or repeated parameter, both HTTP Basic and a body secret, or a body `client_id` that differs from the Basic one (`invalid_request`); a code or refresh token that is invalid, expired, already used, issued to another client, or whose `redirect_uri` or `code_verifier` does not match (`invalid_grant`); `client_credentials` by a public client (`unauthorized_client`); an unknown `grant_type` (`unsupported_grant_type`); an unknown or too wide `scope` (`invalid_scope`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Pragma": {
                    "$ref": "#/components/headers/PragmaNoCache"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request",
                                "invalid_grant",
                                "unauthorized_client",
                                "unsupported_grant_type",
                                "invalid_scope"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/OAuthInvalidClient"
              },
              "413": {
                "$ref": "#/components/responses/OAuthPayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/oauth/userinfo": {
          "get": {
            "operationId": "getUserInfo",
            "summary": "UserInfo (OIDC Core §5.3)",
            "description": "The signed-in user's claims, as allowed by the access token's scopes. The token needs `openid`. A token stops working as soon as its app is disabled or its organization deleted.",
            "tags": [
              "OAuth 2.0 / OpenID Connect"
            ],
            "security": [
              {
                "accessToken": []
              }
            ],
            "responses": {
              "200": {
                "description": "The user's claims allowed by the token's scopes.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserInfo"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/InvalidAccessToken"
              },
              "403": {
                "description": "The access token lacks the `openid` scope (`insufficient_scope`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Pragma": {
                    "$ref": "#/components/headers/PragmaNoCache"
                  },
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWWAuthenticateBearerToken"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "insufficient_scope"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "post": {
            "operationId": "postUserInfo",
            "summary": "UserInfo (OIDC Core §5.3), POST",
            "description": "As `GET`; the access token may also be sent as `access_token` in the body (RFC 6750 §2.2) when there is no `Authorization` header.",
            "tags": [
              "OAuth 2.0 / OpenID Connect"
            ],
            "security": [
              {
                "accessToken": []
              },
              {}
            ],
            "requestBody": {
              "required": false,
              "description": "Optional; only for a token in the body.",
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/UserInfoRequest"
                  }
                },
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/UserInfoRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The user's claims allowed by the token's scopes.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserInfo"
                    }
                  }
                }
              },
              "400": {
                "description": "The body is neither form-encoded nor a JSON object of strings (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Pragma": {
                    "$ref": "#/components/headers/PragmaNoCache"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/InvalidAccessToken"
              },
              "403": {
                "description": "The access token lacks the `openid` scope (`insufficient_scope`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Pragma": {
                    "$ref": "#/components/headers/PragmaNoCache"
                  },
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWWAuthenticateBearerToken"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "insufficient_scope"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/OAuthPayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/oauth/revoke": {
          "post": {
            "operationId": "revokeToken",
            "summary": "Token revocation (RFC 7009)",
            "description": "Revokes the grant behind an access or refresh token of the calling client: the refresh token and every access token of that sign-in stop working. Unknown tokens and other clients' tokens are ignored (the answer is 200 either way, RFC 7009 §2.2).",
            "tags": [
              "OAuth 2.0 / OpenID Connect"
            ],
            "security": [
              {
                "clientBasic": []
              },
              {}
            ],
            "requestBody": {
              "required": true,
              "description": "The token to revoke and the client credentials.",
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/RevocationRequest"
                  }
                },
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RevocationRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Revoked, or nothing to revoke. No body.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "Malformed or unsupported body, no `token`, both HTTP Basic and a body secret, or a body `client_id` that differs from the Basic one (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Pragma": {
                    "$ref": "#/components/headers/PragmaNoCache"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/OAuthInvalidClient"
              },
              "413": {
                "$ref": "#/components/responses/OAuthPayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/oauth/introspect": {
          "post": {
            "operationId": "introspectToken",
            "summary": "Token introspection (RFC 7662)",
            "description": "Whether an access or refresh token is live, and its claims. Only tokens issued to the calling client are reported active. Access tokens of an app that is disabled, or whose organization was deleted, are reported inactive.",
            "tags": [
              "OAuth 2.0 / OpenID Connect"
            ],
            "security": [
              {
                "clientBasic": []
              },
              {}
            ],
            "requestBody": {
              "required": true,
              "description": "The token to inspect and the client credentials.",
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/IntrospectionRequest"
                  }
                },
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/IntrospectionRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The token state.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/IntrospectionResponse"
                    }
                  }
                }
              },
              "400": {
                "description": "Malformed or unsupported body, no `token`, both HTTP Basic and a body secret, or a body `client_id` that differs from the Basic one (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  },
                  "Pragma": {
                    "$ref": "#/components/headers/PragmaNoCache"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/OAuthInvalidClient"
              },
              "413": {
                "$ref": "#/components/responses/OAuthPayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/signin": {
          "get": {
            "operationId": "signInPage",
            "summary": "Sign-in page",
            "description": "The sign-in page. Its script runs the OPAQUE login against `/auth/opaque/login/*` and then goes to `continue`.",
            "tags": [
              "Hosted pages"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/ContinuePath"
              }
            ],
            "responses": {
              "200": {
                "description": "The sign-in page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              }
            }
          }
        },
        "/signup": {
          "get": {
            "operationId": "signUpPage",
            "summary": "Sign-up page",
            "description": "The account creation page. Its script runs the OPAQUE registration against `/auth/opaque/register/*` and then goes to `continue`.",
            "tags": [
              "Hosted pages"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/ContinuePath"
              }
            ],
            "responses": {
              "200": {
                "description": "The sign-up page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              }
            }
          }
        },
        "/forgot": {
          "get": {
            "operationId": "forgotPasswordPage",
            "summary": "Forgotten-password page",
            "description": "Two ways back into an account. With the recovery code: the page's script proves the code with `/auth/recovery/start` and `/finish` (the code is never sent), sets the new password with `/auth/recovery/complete`, keeping everything, and then goes to `continue`. Without it: the user asks for a reset link to the account's verified address (`POST /auth/password-reset`); the page says that a reset deletes the activity history.",
            "tags": [
              "Hosted pages"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/ContinuePath"
              }
            ],
            "responses": {
              "200": {
                "description": "The forgotten-password page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              }
            }
          }
        },
        "/reset": {
          "get": {
            "operationId": "resetPasswordPage",
            "summary": "Password-reset page",
            "description": "The page a reset link opens, `/reset#token=...`: the token is in the URL's fragment, which browsers never send to the server. Its script sets a new password and a new root key with `/auth/password-reset/start` and `/complete` once the user has confirmed that the activity history will be deleted, and shows the new recovery code once.",
            "tags": [
              "Hosted pages"
            ],
            "responses": {
              "200": {
                "description": "The password-reset page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              }
            }
          }
        },
        "/verify-email": {
          "get": {
            "operationId": "verifyEmailPage",
            "summary": "Email verification page",
            "description": "The page a verification link opens, `/verify-email#token=...` (the token is in the URL's fragment). Its script sends the token to `POST /auth/email/verify` and shows the outcome.",
            "tags": [
              "Hosted pages"
            ],
            "responses": {
              "200": {
                "description": "The verification page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              }
            }
          }
        },
        "/account": {
          "get": {
            "operationId": "accountPage",
            "summary": "Account page with connected apps",
            "description": "For a signed-in user: the account page with the email address and whether it is verified, password change, the recovery code, the sessions, the apps the user has connected (with the scopes granted and since when), each with a Disconnect form, the activity history and a Sign out form. Otherwise the sign-in page, returning here.",
            "tags": [
              "Hosted pages"
            ],
            "security": [
              {
                "sessionCookie": []
              },
              {}
            ],
            "responses": {
              "200": {
                "description": "The account page, or the sign-in page when not signed in.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/account/apps/{appID}/disconnect": {
          "post": {
            "operationId": "disconnectApp",
            "summary": "Disconnect an app from the account",
            "description": "Forgets the user's consent for the app and revokes all of the user's grants to it (its refresh and access tokens stop working).",
            "tags": [
              "Hosted pages"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/ConnectedAppID"
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The form of the account page.",
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/CSRFForm"
                  }
                }
              }
            },
            "responses": {
              "303": {
                "description": "Disconnected (or not signed in): back to the account page.",
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/AccountLocation"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "The body is neither form-encoded nor a JSON object of strings (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "description": "The HTML error page `invalid_csrf`: the `csrf_token` is missing or not the one of this session, or `Sec-Fetch-Site` or `Origin` show another site.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "The HTML error page `not_found`: the app id is not a UUID.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/OAuthPayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/account/signout": {
          "post": {
            "operationId": "signOut",
            "summary": "Sign out (account page)",
            "description": "Ends the session and clears the cookie. Without a session it only clears the cookie (no `csrf_token` needed).",
            "tags": [
              "Hosted pages"
            ],
            "security": [
              {
                "sessionCookie": []
              },
              {}
            ],
            "requestBody": {
              "required": false,
              "description": "The form of the account page.",
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/CSRFForm"
                  }
                }
              }
            },
            "responses": {
              "303": {
                "description": "Signed out: back to the account page.",
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/AccountLocation"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  },
                  "Set-Cookie": {
                    "$ref": "#/components/headers/ClearSessionCookie"
                  }
                }
              },
              "400": {
                "description": "The body is neither form-encoded nor a JSON object of strings (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "403": {
                "description": "The HTML error page `invalid_csrf`: signed in, but the `csrf_token` is missing or not the one of this session, or `Sec-Fetch-Site` or `Origin` show another site.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/OAuthPayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/usage": {
          "get": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "name": "from",
                "in": "query",
                "required": false,
                "description": "Start (inclusive): RFC 3339 date-time or YYYY-MM-DD, from 1970 to 9999 (UTC). Default: 30 days before `to`.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "to",
                "in": "query",
                "required": false,
                "description": "End (exclusive): RFC 3339 date-time or YYYY-MM-DD, from 1970 to 9999 (UTC). Default: the end of the current hour. At most 366 days after `from`.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "granularity",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "hour",
                    "day",
                    "month"
                  ],
                  "default": "day"
                },
                "description": "How rows are grouped (UTC periods)."
              },
              {
                "name": "app_id",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "Only this app's OAuth requests (the management API has no app)."
              }
            ],
            "operationId": "getUsage",
            "summary": "Usage analytics",
            "description": "Request counts, error rates and latency percentiles (p50/p95/p99) per period and route group. Needs the read permission.",
            "responses": {
              "200": {
                "description": "The report.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UsageReport"
                    }
                  }
                }
              },
              "400": {
                "description": "A malformed query (`invalid_request`): `from`/`to` not RFC 3339 or YYYY-MM-DD or outside 1970-9999, `from` not before `to`, a range over 366 days, an unknown `granularity` or `format`.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller, or `app_id` is not one of its apps (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/usage/export": {
          "get": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "name": "from",
                "in": "query",
                "required": false,
                "description": "Start (inclusive): RFC 3339 date-time or YYYY-MM-DD, from 1970 to 9999 (UTC). Default: 30 days before `to`.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "to",
                "in": "query",
                "required": false,
                "description": "End (exclusive): RFC 3339 date-time or YYYY-MM-DD, from 1970 to 9999 (UTC). Default: the end of the current hour. At most 366 days after `from`.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "granularity",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "hour",
                    "day",
                    "month"
                  ],
                  "default": "day"
                },
                "description": "How rows are grouped (UTC periods)."
              },
              {
                "name": "app_id",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "Only this app's OAuth requests (the management API has no app)."
              },
              {
                "name": "format",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "csv",
                    "json"
                  ],
                  "default": "csv"
                }
              }
            ],
            "operationId": "exportUsage",
            "summary": "Export usage analytics (CSV or JSON)",
            "description": "The same report as a download (`Content-Disposition: attachment`): CSV with one line per period and route group (header `period_start,route_group,requests,client_errors,server_errors,error_rate,p50_ms,p95_ms,p99_ms`), or the JSON report. Needs the read permission.",
            "responses": {
              "200": {
                "description": "The file.",
                "headers": {
                  "Content-Disposition": {
                    "schema": {
                      "type": "string"
                    },
                    "description": "attachment; filename=\"flowsta-usage-FROM-TO.csv\""
                  }
                },
                "content": {
                  "text/csv": {
                    "schema": {
                      "type": "string"
                    }
                  },
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UsageReport"
                    }
                  }
                }
              },
              "400": {
                "description": "A malformed query (`invalid_request`): `from`/`to` not RFC 3339 or YYYY-MM-DD or outside 1970-9999, `from` not before `to`, a range over 366 days, an unknown `granularity` or `format`.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller, or `app_id` is not one of its apps (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/logs": {
          "get": {
            "operationId": "listAPILogs",
            "summary": "API logs",
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "description": "One entry per metered request (API key calls and the organization's apps at the OAuth endpoints), oldest first, kept 90 days. Needs the read permission.",
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "name": "from",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "RFC 3339 date-time or YYYY-MM-DD, from 1970 to 9999 (inclusive)."
              },
              {
                "name": "to",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "RFC 3339 date-time or YYYY-MM-DD, from 1970 to 9999 (exclusive)."
              },
              {
                "name": "app_id",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                }
              },
              {
                "name": "key_id",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                }
              },
              {
                "name": "status",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "A status code (`404`) or a class (`4xx`, `5xx`)."
              },
              {
                "name": "method",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                }
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of log entries.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/APILogPage"
                    }
                  }
                }
              },
              "400": {
                "description": "A malformed filter or page (`invalid_request`). Times must lie within 1970-9999.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller, or `app_id` is not one of its apps (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/apps/{app}/mau": {
          "get": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "operationId": "getAppMAU",
            "summary": "Monthly active users of an app",
            "description": "Distinct users who signed in to the app in a month, and the 12 months ending with it. Each sign-in's browser sends an analytics id derived from a key only the user holds (`HMAC-SHA256(HKDF-SHA512(export_key, \"flowsta analytics v1\"), client_id \":\" YYYY-MM)`, first 16 bytes); the server stores `(analytics_id, app_id, month)` once, with nothing that names the user, so it can count users but not tell who they are. One account adds at most one active user per app and month whatever ids it sends: its first id also claims a keyed hash of user, app and month (`mau_members`), which is never linked to an id and is deleted when the month closes. 3 days after a month ends its ids are deleted and the count kept (2 years). Needs the read permission (any member, or an API key of the app's organization).",
            "parameters": [
              {
                "$ref": "#/components/parameters/AppID"
              },
              {
                "name": "month",
                "in": "query",
                "required": false,
                "description": "`YYYY-MM` (UTC). Default: the current month.",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "The count and the series.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/MAUReport"
                    }
                  }
                }
              },
              "400": {
                "description": "`month` is not a `YYYY-MM` month (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such app for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/plan": {
          "get": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "operationId": "getPlan",
            "summary": "Plan, limits and current use",
            "description": "The organization's plan (DESIGN §7), its limits and what the organization uses now: apps, seats (members plus pending invites) and this month's active users. Needs the read permission.",
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              }
            ],
            "responses": {
              "200": {
                "description": "The plan.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PlanDocument"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "404": {
                "description": "No such organization for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              }
            }
          },
          "put": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "changePlan",
            "summary": "Change a subscribed organization's plan (owners)",
            "description": "Owners, signed in (not API keys). With billing through Stripe: up to a dearer plan at once (Stripe prorates the rest of the period); down to a cheaper plan, or to `free` (which cancels the subscription), at the end of the paid period — the organization keeps what it paid for until then; the same plan as now undoes a scheduled change. A plan whose app or seat limit is below current use is refused. Without a subscription a paid plan needs Checkout first (`409 checkout_required`). Without billing configured the answer is `409 billing_not_configured`: the operator sets plans (`flowsta orgs set-plan`). Plan changes are recorded in the audit log as `organization.plan_changed:<old>-><new>` with the actor `billing` or `operator`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ChangePlanRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The billing state after the change.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/BillingStatus"
                    }
                  }
                }
              },
              "400": {
                "description": "No `plan`, not a plan, or a plan not for sale here (enterprise is arranged with Flowsta) (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is not an owner or is an API key (`forbidden`), or the organization uses more apps or seats than the plan allows (`plan_limit_reached`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "plan_limit_reached",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              },
              "409": {
                "description": "Billing is not configured (`billing_not_configured`), or there is no subscription yet (`checkout_required`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "billing_not_configured",
                                "checkout_required"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "502": {
                "description": "Stripe refused the request or could not be reached (`billing_provider_error`); nothing was changed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "billing_provider_error"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              }
            }
          }
        },
        "/vault/entries": {
          "get": {
            "tags": [
              "vault"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "listVaultEntries",
            "summary": "The user's vault entries",
            "description": "The signed-in user's entries in id order (ids are random, so the order says nothing; clients sort by what they decrypt), optionally of one `kind`.",
            "parameters": [
              {
                "name": "kind",
                "in": "query",
                "required": false,
                "schema": {
                  "$ref": "#/components/schemas/VaultKind"
                }
              },
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100,
                  "default": 50
                }
              },
              {
                "name": "cursor",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "`next_cursor` of the previous page."
              }
            ],
            "responses": {
              "200": {
                "description": "A page.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VaultEntryPage"
                    }
                  }
                }
              },
              "400": {
                "description": "A bad `kind`, `limit` or `cursor` (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "put": {
            "tags": [
              "vault"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "putVaultEntry",
            "summary": "Store an entry (id in the body)",
            "description": "Creates or replaces the entry whose `id` is in the body (a new random id when absent).",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/PutVaultEntryRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Replaced.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VaultEntryStored"
                    }
                  }
                }
              },
              "201": {
                "description": "Created.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VaultEntryStored"
                    }
                  }
                }
              },
              "400": {
                "description": "A missing or malformed field (`invalid_request`): `kind` not matching its pattern, `ciphertext` not base64url or not a sealed entry (format byte 0x02, or 0x01 for accounts older than the root key; 29 to 4,096 bytes), or the id used by another user.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "409": {
                "description": "The vault already holds 5,000 entries, or the entry would take it over 2 MiB of ciphertext (`vault_full`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "vault_full"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "delete": {
            "tags": [
              "vault"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "deleteVaultEntries",
            "summary": "Empty the vault",
            "description": "Deletes every entry of the signed-in user.",
            "responses": {
              "204": {
                "description": "Deleted."
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/vault/entries/{id}": {
          "get": {
            "tags": [
              "vault"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "getVaultEntry",
            "summary": "One entry",
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "The entry id (a UUID the client chooses); anything else answers `404 not_found`.",
                "schema": {
                  "type": "string",
                  "format": "uuid"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "The entry.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VaultEntry"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "description": "No such entry of this user (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "put": {
            "tags": [
              "vault"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "putVaultEntryAt",
            "summary": "Store an entry",
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "The entry id (a UUID the client chooses); anything else answers `404 not_found`.",
                "schema": {
                  "type": "string",
                  "format": "uuid"
                }
              }
            ],
            "description": "Creates (201) or replaces (200) the user's entry with this id. The server checks the shape only: it cannot open the ciphertext.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/PutVaultEntryRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Replaced.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VaultEntryStored"
                    }
                  }
                }
              },
              "201": {
                "description": "Created.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/VaultEntryStored"
                    }
                  }
                }
              },
              "400": {
                "description": "A missing or malformed field (`invalid_request`): `kind` not matching its pattern, `ciphertext` not base64url or not a sealed entry (format byte 0x02, or 0x01 for accounts older than the root key; 29 to 4,096 bytes), or the id used by another user.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "409": {
                "description": "The vault already holds 5,000 entries, or the entry would take it over 2 MiB of ciphertext (`vault_full`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "vault_full"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "delete": {
            "tags": [
              "vault"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "deleteVaultEntry",
            "summary": "Delete an entry",
            "parameters": [
              {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "The entry id (a UUID the client chooses); anything else answers `404 not_found`.",
                "schema": {
                  "type": "string",
                  "format": "uuid"
                }
              }
            ],
            "responses": {
              "204": {
                "description": "Deleted."
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/CrossSiteRequest"
              },
              "404": {
                "description": "No such entry of this user (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/auth/me/export": {
          "get": {
            "tags": [
              "accounts"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "exportMe",
            "summary": "Download everything about me",
            "description": "All the server holds about the signed-in user, as one JSON download (`Content-Disposition: attachment`): the profile, organizations and roles, the apps the user allowed, and the vault's entries, still sealed. There are no passwords, addresses or device data to include: the server never has them. Streamed: the vault's entries are written a page at a time.",
            "responses": {
              "200": {
                "description": "The export.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserExport"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/api/v1/notices": {
          "get": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "apiKey": []
              },
              {
                "sessionCookie": []
              }
            ],
            "operationId": "listNotices",
            "summary": "Notices",
            "description": "Policy and terms changes (published at least 60 days before they take effect), service, API, billing and security announcements, oldest first. Each is also emailed to every organization's contact address and owners (security notices: owners only). Operators publish them with `flowsta notices publish`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of notices.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/NoticePage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidPage"
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/restore": {
          "parameters": [
            {
              "$ref": "#/components/parameters/OrganizationID"
            }
          ],
          "post": {
            "operationId": "restoreOrganization",
            "summary": "Restore a deleted organization (owners)",
            "description": "Within 30 days of its deletion an owner, signed in, restores the organization: apps and keys work again. Owners are emailed. Recorded as `organization.restored`.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "200": {
                "description": "The restored organization.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Organization"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is not an owner, or is an API key (`forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "The organization is not deleted, or its 30 days have passed and it is being purged (`conflict`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "conflict"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/export": {
          "parameters": [
            {
              "$ref": "#/components/parameters/OrganizationID"
            }
          ],
          "get": {
            "operationId": "exportOrganization",
            "summary": "Export the organization's account data (owners)",
            "description": "One JSON document (sent as an attachment) with everything Flowsta holds about the organization: the organization, members, pending invites, apps, API key metadata (never keys), the audit log, daily usage over the 2-year retention window (in reports of at most 366 days), MAU counts per app and month, and the notices. Owners, signed in; also while the organization is deleted, until it is purged.",
            "tags": [
              "management"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "responses": {
              "200": {
                "description": "The export.",
                "headers": {
                  "Content-Disposition": {
                    "description": "`attachment; filename=\"flowsta-organization-<id>.json\"`",
                    "schema": {
                      "type": "string"
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/OrganizationExport"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is not an owner, or is an API key (`forbidden`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/metrics": {
          "get": {
            "operationId": "metrics",
            "summary": "Operational metrics (Prometheus)",
            "description": "Prometheus text exposition: counters of the retention engine (`flowsta_retention_deleted_total{rule}`, `flowsta_retention_runs_total`, `flowsta_retention_failures_total`, `flowsta_retention_last_run_timestamp_seconds`). Counts only: no user, organization, address or token is ever a label. Needs `Authorization: Bearer <FLOWSTA_METRICS_TOKEN>`; without a configured token the route is off (`404`).",
            "tags": [
              "operations"
            ],
            "security": [
              {
                "metricsToken": []
              }
            ],
            "responses": {
              "200": {
                "description": "The metrics.",
                "content": {
                  "text/plain": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "401": {
                "description": "No or a wrong metrics token (`unauthorized`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "unauthorized"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No metrics token is configured: the route is off (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              }
            }
          }
        },
        "/dashboard/signin": {
          "get": {
            "operationId": "dashboardSignIn",
            "summary": "Dashboard: Sign in with Flowsta",
            "description": "Starts the dashboard's OAuth 2.0 authorization code flow with PKCE (S256): state, nonce and verifier are sealed into a 10-minute cookie `flowsta_dashboard_flow`, and the browser goes to `/oauth/authorize` (hosted sign-in with OPAQUE in the browser; no consent screen for the first-party dashboard).",
            "tags": [
              "Dashboard"
            ],
            "security": [],
            "parameters": [
              {
                "name": "next",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "A path under /dashboard to return to."
              }
            ],
            "responses": {
              "303": {
                "description": "To `/oauth/authorize?client_id=flowsta_app_dashboard&…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            }
          }
        },
        "/dashboard/callback": {
          "get": {
            "operationId": "dashboardCallback",
            "summary": "Dashboard: OAuth callback",
            "description": "Checks `state` against the flow cookie, redeems the code (redirect URI and PKCE verifier), resolves the user from the access token and opens a dashboard session (`flowsta_dashboard`, HttpOnly, SameSite=Lax, Path=/; `__Host-flowsta_dashboard` and Secure under HTTPS).",
            "tags": [
              "Dashboard"
            ],
            "security": [],
            "parameters": [
              {
                "name": "code",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "state",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "iss",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "error",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "303": {
                "description": "Signed in: to the page asked for.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "An error page: expired or foreign flow, refused or cancelled sign-in.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              }
            }
          }
        },
        "/dashboard": {
          "get": {
            "operationId": "dashboardHome",
            "summary": "Dashboard: organizations",
            "description": "The user's organizations and a form to create one.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/dashboard/signout": {
          "post": {
            "operationId": "dashboardSignOut",
            "summary": "Dashboard: sign out",
            "description": "Ends the dashboard session (not the account session).",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "200": {
                "description": "The signed-out page, with a link to sign in again.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs": {
          "post": {
            "operationId": "dashboardCreateOrganization",
            "summary": "Dashboard: create an organization",
            "description": "Fields `name`, `contact_email`.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Created: to the organization's overview.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The form again with the error next to its field.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardOrganization",
            "summary": "Dashboard: organization overview",
            "description": "Plan and current use against its limits (apps, seats, this month's MAU) and business information (a form for owners, read-only for others).",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "post": {
            "operationId": "dashboardUpdateOrganization",
            "summary": "Dashboard: update business information",
            "description": "Owners: `name`, `contact_email`, `billing_address`.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Saved: back to the overview.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The form again with the error next to its field.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/apps": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardApps",
            "summary": "Dashboard: apps",
            "description": "The apps with their client ids; a create form for admins and owners.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "post": {
            "operationId": "dashboardCreateApp",
            "summary": "Dashboard: create an app",
            "description": "Fields `name`, `description`, `type`, `redirect_uris` (one per line), `allowed_scopes` (repeated), `logo_url`, `privacy_url`, `terms_url`.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Created: to the app's page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The form again with the error next to its field.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/apps/{app}": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "app",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardApp",
            "summary": "Dashboard: an app",
            "description": "Client id with a copy button; settings form, client secret, disable and delete for admins and owners.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "post": {
            "operationId": "dashboardUpdateApp",
            "summary": "Dashboard: change an app",
            "description": "The app's settings (as when creating).",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Saved: back to the app's page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The form again with the error next to its field.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/apps/{app}/secret": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "app",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardIssueSecret",
            "summary": "Dashboard: issue a client secret",
            "description": "Issues (or replaces) the client secret and shows it once, with a copy button.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "200": {
                "description": "The one-time reveal page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/apps/{app}/active": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "app",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardSetAppActive",
            "summary": "Dashboard: disable or enable an app",
            "description": "Field `active` (`true` or `false`).",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Back to the app's page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/apps/{app}/delete": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "app",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardDeleteApp",
            "summary": "Dashboard: delete an app",
            "description": "Needs `confirm=yes` (the confirmation checkbox).",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Deleted: to the app list.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/keys": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardKeys",
            "summary": "Dashboard: API keys",
            "description": "Key metadata (prefix, name, created, last used, status); create, rotate and revoke for admins and owners.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          },
          "post": {
            "operationId": "dashboardCreateKey",
            "summary": "Dashboard: create an API key",
            "description": "Field `name`. The key is shown once on the reveal page, with a copy button.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "200": {
                "description": "The one-time reveal page (or the form again with the error).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/keys/{key}/rotate": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "key",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardRotateKey",
            "summary": "Dashboard: rotate an API key",
            "description": "A new key, shown once; the old one works for 24 more hours.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "200": {
                "description": "The one-time reveal page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/keys/{key}/revoke": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "key",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardRevokeKey",
            "summary": "Dashboard: revoke an API key",
            "description": "The key stops working at once.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Back to the key list.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/team": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardTeam",
            "summary": "Dashboard: team",
            "description": "Members with their roles; for admins and owners a role selector and remove button per member, the pending invites (resend, revoke) and an invite form; a leave button (not for the last owner).",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/dashboard/orgs/{org}/invites": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardInvite",
            "summary": "Dashboard: invite someone",
            "description": "Fields `email`, `role`. The email carries a single-use link valid 7 days.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "200": {
                "description": "The team page again with the error next to its field.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Sent: back to the team page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/invites/{invite}/resend": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "invite",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardResendInvite",
            "summary": "Dashboard: resend an invite",
            "description": "A fresh link and 7 more days.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "303": {
                "description": "Back to the team page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/invites/{invite}/revoke": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "invite",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardRevokeInvite",
            "summary": "Dashboard: revoke an invite",
            "description": "The link stops working.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "303": {
                "description": "Back to the team page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/team/{user}/role": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "user",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardChangeRole",
            "summary": "Dashboard: change a member's role",
            "description": "Field `role`. Only owners grant or take away the owner role; the last owner stays.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "303": {
                "description": "Back to the team page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/team/{user}/remove": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            },
            {
              "name": "user",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardRemoveMember",
            "summary": "Dashboard: remove a member",
            "description": "Admins remove members and admins; owners also owners.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "303": {
                "description": "Back to the team page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/leave": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardLeave",
            "summary": "Dashboard: leave the organization",
            "description": "Not as its last owner.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "303": {
                "description": "To the organizations.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/usage": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardUsage",
            "summary": "Dashboard: usage charts",
            "description": "Requests, error rate and p50/p95/p99 latency over time as inline SVG charts (each with a table of its numbers), and totals per endpoint group.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "parameters": [
              {
                "name": "days",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "1, 7, 30 (default), 90 or 365"
              },
              {
                "name": "app",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "an app id of the organization; empty for all"
              }
            ]
          }
        },
        "/dashboard/orgs/{org}/mau": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardMAU",
            "summary": "Dashboard: monthly active users",
            "description": "This month's total against the plan, and a chart of the last 12 months per app.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/dashboard/orgs/{org}/audit": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardAudit",
            "summary": "Dashboard: audit log",
            "description": "Team, key and settings changes, 100 per page, oldest first.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "parameters": [
              {
                "name": "cursor",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "from the previous page's link"
              }
            ]
          }
        },
        "/dashboard/invites/accept": {
          "get": {
            "operationId": "dashboardAcceptPage",
            "summary": "Dashboard: an invite",
            "description": "The page the invite link leads to (signing in to the dashboard first): a form to accept.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "parameters": [
              {
                "name": "token",
                "in": "query",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            ]
          },
          "post": {
            "operationId": "dashboardAccept",
            "summary": "Dashboard: accept an invite",
            "description": "Fields `token`, `csrf_token`.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "303": {
                "description": "Joined: to the organization.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/invites/accept": {
          "get": {
            "operationId": "inviteLink",
            "summary": "The invite email's link",
            "description": "Sends the browser to the dashboard's invite page with the same token.",
            "tags": [
              "Dashboard"
            ],
            "security": [],
            "parameters": [
              {
                "name": "token",
                "in": "query",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "303": {
                "description": "To `/dashboard/invites/accept?token=…`.",
                "headers": {
                  "Location": {
                    "description": "The dashboard's invite page.",
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/logs": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardLogs",
            "summary": "Dashboard: API logs",
            "description": "The organization's API log, 50 per page, with filters.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "parameters": [
              {
                "name": "status",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "a code, 4xx or 5xx"
              },
              {
                "name": "method",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "GET, POST, PUT, PATCH or DELETE"
              },
              {
                "name": "app",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "an app id"
              },
              {
                "name": "cursor",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "from the previous page's link"
              }
            ]
          }
        },
        "/dashboard/notices": {
          "get": {
            "operationId": "dashboardNotices",
            "summary": "Dashboard: notices",
            "description": "Every published notice, newest first.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/dashboard/orgs/{org}/export": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardExport",
            "summary": "Dashboard: download the account data",
            "description": "Owners: the same JSON document as `GET /api/v1/orgs/{org}/export`, as an attachment (also while deleted).",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The export.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/OrganizationExport"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/dashboard/orgs/{org}/usage/export": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardUsageExport",
            "summary": "Dashboard: download usage",
            "description": "Usage of a range as CSV or JSON (as the usage page).",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The usage report.",
                "content": {
                  "text/csv": {
                    "schema": {
                      "type": "string"
                    }
                  },
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UsageReport"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "parameters": [
              {
                "name": "format",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "csv (default) or json"
              },
              {
                "name": "days",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "1, 7, 30, 90 or 365"
              },
              {
                "name": "app",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "an app id"
              }
            ]
          }
        },
        "/dashboard/orgs/{org}/settings": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardSettings",
            "summary": "Dashboard: data and deletion",
            "description": "Exports; for owners, deleting the organization (typing its name) or, once deleted, restoring it.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/dashboard/orgs/{org}/delete": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardDeleteOrganization",
            "summary": "Dashboard: delete the organization",
            "description": "Owners; field `confirm_name` must be the organization's name. As `DELETE /api/v1/orgs/{org}`.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Deleted: to the data and deletion page, with the restore button.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/restore": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardRestoreOrganization",
            "summary": "Dashboard: restore the organization",
            "description": "Owners, within 30 days of the deletion.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Restored: to the overview.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "$ref": "#/components/schemas/DashboardForm"
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/billing": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "get": {
            "operationId": "dashboardBilling",
            "summary": "Dashboard: plan and billing",
            "description": "The organization's plan with its limits against current use, what each plan includes, and billing: without billing configured, that the operator sets plans; with billing, for owners, the subscription (status, period end, scheduled change, payment warnings), buttons to Stripe Checkout (one per plan for sale) or a plan selector, a button to Stripe's customer portal, and the invoice history with links to Stripe's invoice pages and PDFs; members and admins read that only owners manage billing.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "303": {
                "description": "No dashboard session: to `/dashboard/signin?next=…`.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              },
              "200": {
                "description": "The page.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/billing": {
          "get": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "getBilling",
            "summary": "Billing state (owners)",
            "description": "The plan in force, the Stripe subscription's state (status, period end, scheduled downgrade or cancellation, grace period after a failed payment) and the plans for sale. With billing off: `configured: false` and the plan. Owners, signed in.",
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              }
            ],
            "responses": {
              "200": {
                "description": "The billing state.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/BillingStatus"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is not an owner signed in (admins, members and API keys are refused: `forbidden`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/billing/checkout": {
          "post": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "startCheckout",
            "summary": "Start a subscription on Stripe Checkout (owners)",
            "description": "Creates the organization's Stripe customer on first use (name, contact email, billing address) and a Checkout session in subscription mode for the plan's price (plus the metered price for active users above the plan). Returns the URL of Stripe's hosted page, where the owner enters a payment method; card data never reaches Flowsta. The plan changes when Stripe reports the completed checkout (webhook). Success and cancel return to the dashboard's billing page.",
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              }
            ],
            "responses": {
              "200": {
                "description": "The Checkout URL.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/RedirectURL"
                    }
                  }
                }
              },
              "400": {
                "description": "No `plan`, not a plan, or a plan not for sale here (enterprise is arranged with Flowsta) (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "Billing is not configured (`billing_not_configured`) or the organization already has a subscription (`conflict`: change its plan instead).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "billing_not_configured",
                                "conflict"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "502": {
                "description": "Stripe refused the request or could not be reached (`billing_provider_error`); nothing was changed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "billing_provider_error"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is not an owner signed in (admins, members and API keys are refused: `forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ChangePlanRequest"
                  }
                }
              }
            }
          }
        },
        "/api/v1/orgs/{org}/billing/portal": {
          "post": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "openBillingPortal",
            "summary": "Open Stripe's customer portal (owners)",
            "description": "A session on Stripe's customer portal (payment methods, billing details, invoices) for the organization's customer, returning to the dashboard's billing page.",
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              }
            ],
            "responses": {
              "200": {
                "description": "The portal URL.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/RedirectURL"
                    }
                  }
                }
              },
              "409": {
                "description": "Billing is not configured on this server (`billing_not_configured`): its operator sets plans with `flowsta orgs set-plan ORG PLAN`.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "billing_not_configured"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "502": {
                "description": "Stripe refused the request or could not be reached (`billing_provider_error`); nothing was changed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "billing_provider_error"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is not an owner signed in (admins, members and API keys are refused: `forbidden`). Also a cross-site request authenticated by the session cookie (`cross_site_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden",
                                "cross_site_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/api/v1/orgs/{org}/invoices": {
          "get": {
            "tags": [
              "management"
            ],
            "security": [
              {
                "sessionCookie": []
              }
            ],
            "operationId": "listInvoices",
            "summary": "Invoices (owners)",
            "description": "The organization's invoices as mirrored from Stripe's webhooks, newest first, each with the billing name and address in force when it was issued. Kept 7 years, also after the organization is purged. Paged with `limit` and `cursor` (the `next_cursor` of the previous page).",
            "parameters": [
              {
                "$ref": "#/components/parameters/OrganizationID"
              },
              {
                "name": "limit",
                "in": "query",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100
                }
              },
              {
                "name": "cursor",
                "in": "query",
                "schema": {
                  "type": "string"
                },
                "description": "The `next_cursor` of the previous page (this list's own cursor)."
              }
            ],
            "responses": {
              "200": {
                "description": "A page of invoices.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/InvoiceList"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidPage"
              },
              "401": {
                "$ref": "#/components/responses/ManagementUnauthorized"
              },
              "403": {
                "description": "The caller is not an owner signed in (admins, members and API keys are refused: `forbidden`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "forbidden"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "404": {
                "description": "No such organization for this caller (`not_found`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "not_found"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "410": {
                "$ref": "#/components/responses/OrganizationDeleted"
              },
              "429": {
                "$ref": "#/components/responses/RateLimited"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              }
            }
          }
        },
        "/webhooks/stripe": {
          "post": {
            "tags": [
              "management"
            ],
            "operationId": "stripeWebhook",
            "summary": "Stripe webhooks",
            "description": "Stripe's event deliveries. The `Stripe-Signature` header must carry a `v1` HMAC-SHA256 of `<t>.<body>` under one of the configured signing secrets (several while rotating) with `t` within 5 minutes; otherwise `400 invalid_signature` and nothing changes. Each event id is handled once (replays answer 200 `duplicate`). Handled: `checkout.session.completed`, `customer.subscription.created`/`updated`/`deleted`, `invoice.finalized`, `invoice.paid`, `invoice.payment_failed`; other types answer 200 `ignored`. Bodies up to 512 KiB.",
            "parameters": [
              {
                "name": "Stripe-Signature",
                "in": "header",
                "required": true,
                "schema": {
                  "type": "string"
                },
                "example": "t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "type": "object",
                    "description": "A Stripe event object."
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Received.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "properties": {
                        "received": {
                          "type": "string"
                        },
                        "outcome": {
                          "type": "string",
                          "description": "`handled <type>`, `duplicate` or `ignored <type>`."
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "description": "Missing, malformed, stale or unmatched `Stripe-Signature` (`invalid_signature`), or not a Stripe event (`invalid_request`).",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "invalid_signature",
                                "invalid_request"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "409": {
                "description": "Billing is not configured on this server (`billing_not_configured`): its operator sets plans with `flowsta orgs set-plan ORG PLAN`.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "billing_not_configured"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "502": {
                "description": "Stripe refused the request or could not be reached (`billing_provider_error`); nothing was changed.",
                "headers": {
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControlNoStore"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "allOf": [
                        {
                          "$ref": "#/components/schemas/Error"
                        },
                        {
                          "properties": {
                            "error": {
                              "enum": [
                                "billing_provider_error"
                              ]
                            }
                          }
                        }
                      ]
                    }
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/billing/checkout": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardCheckout",
            "summary": "Dashboard: subscribe through Stripe Checkout",
            "description": "Owners: `303` to Stripe Checkout for the chosen plan (form field `plan`); a refusal is shown on the billing page with its status.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "200": {
                "description": "The team page again with the error next to its field.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Sent: back to the team page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "type": "object",
                    "required": [
                      "csrf_token"
                    ],
                    "properties": {
                      "csrf_token": {
                        "type": "string"
                      },
                      "plan": {
                        "type": "string",
                        "enum": [
                          "free",
                          "spark",
                          "pro"
                        ]
                      }
                    }
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/billing/portal": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardBillingPortal",
            "summary": "Dashboard: open Stripe's customer portal",
            "description": "Owners: `303` to Stripe's customer portal; a refusal is shown on the billing page.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "200": {
                "description": "The team page again with the error next to its field.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Sent: back to the team page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "type": "object",
                    "required": [
                      "csrf_token"
                    ],
                    "properties": {
                      "csrf_token": {
                        "type": "string"
                      },
                      "plan": {
                        "type": "string",
                        "enum": [
                          "free",
                          "spark",
                          "pro"
                        ]
                      }
                    }
                  }
                }
              }
            }
          }
        },
        "/dashboard/orgs/{org}/billing/plan": {
          "parameters": [
            {
              "name": "org",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              }
            }
          ],
          "post": {
            "operationId": "dashboardChangePlan",
            "summary": "Dashboard: change the subscribed plan",
            "description": "Owners: as `PUT /api/v1/orgs/{org}/plan`, then `303` back to the billing page (`?changed=1`); a refusal is shown on the billing page with its status.",
            "tags": [
              "Dashboard"
            ],
            "security": [
              {
                "dashboardSession": []
              }
            ],
            "responses": {
              "401": {
                "description": "An error page: the dashboard session ended.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "400": {
                "description": "An error page: the form's input was refused (shown next to the field that caused it, when the page has a form).",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "403": {
                "description": "An error page: the CSRF token is missing or stale, or the caller's role does not allow this.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "404": {
                "description": "An error page: no such organization, app or key for this user.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "410": {
                "description": "An error page: the organization was deleted.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
              },
              "200": {
                "description": "The team page again with the error next to its field.",
                "headers": {
                  "Content-Security-Policy": {
                    "$ref": "#/components/headers/PageContentSecurityPolicy"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                },
                "content": {
                  "text/html": {
                    "schema": {
                      "$ref": "#/components/schemas/HTMLPage"
                    }
                  }
                }
              },
              "303": {
                "description": "Sent: back to the team page.",
                "headers": {
                  "Location": {
                    "description": "Where the browser goes next.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/NoStore"
                  }
                }
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/x-www-form-urlencoded": {
                  "schema": {
                    "type": "object",
                    "required": [
                      "csrf_token"
                    ],
                    "properties": {
                      "csrf_token": {
                        "type": "string"
                      },
                      "plan": {
                        "type": "string",
                        "enum": [
                          "free",
                          "spark",
                          "pro"
                        ]
                      }
                    }
                  }
                }
              }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "sessionCookie": {
            "type": "apiKey",
            "in": "cookie",
            "name": "flowsta_session",
            "description": "The session cookie set by `POST /auth/opaque/login/finish` (and by `POST /auth/recovery/complete` and `POST /auth/password-reset/complete`) (HttpOnly, SameSite=Lax, Path=/, 7 days; under HTTPS Secure and named `__Host-flowsta_session`). A state-changing request it authenticates must pass the cross-site checks (`403 cross_site_request`, see the API description): on the JSON routes it is sent with `Content-Type: application/json` even without a body."
          },
          "apiKey": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "fsk_live_...",
            "description": "An organization API key, `Authorization: Bearer fsk_live_<43 base62 characters>`, created with `POST /api/v1/orgs/{org}/keys`. It acts for its organization with read access and app management."
          },
          "clientBasic": {
            "type": "http",
            "scheme": "basic",
            "description": "OAuth client authentication `client_secret_basic` (RFC 6749 §2.3.1): `Authorization: Basic` of `client_id:client_secret`, each form-encoded first. A malformed Basic header answers `401 invalid_client`. Alternatives: `client_id` and `client_secret` in the body (`client_secret_post`), or `client_id` alone for a public client (`none`)."
          },
          "accessToken": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "An OAuth access token from `POST /oauth/token` (`Authorization: Bearer <token>`, RFC 6750 §2.1): a JWT (`typ: at+jwt`) valid for 1 hour and only while its grant is not revoked and its app is active in an organization that is not deleted."
          },
          "dashboardSession": {
            "type": "apiKey",
            "in": "cookie",
            "name": "flowsta_dashboard",
            "description": "The dashboard's own session (HttpOnly, SameSite=Lax, Path=/; under HTTPS Secure and named `__Host-flowsta_dashboard`), opened by its Sign in with Flowsta flow; stored as a keyed hash."
          },
          "metricsToken": {
            "type": "http",
            "scheme": "bearer",
            "description": "The operator's metrics token, `Authorization: Bearer <FLOWSTA_METRICS_TOKEN>` (set in the server's environment only)."
          }
        },
        "headers": {
          "CacheControlNoStore": {
            "description": "Error responses are never cached.",
            "schema": {
              "type": "string",
              "const": "no-store"
            }
          },
          "ClearSessionCookie": {
            "description": "`flowsta_session=` (`__Host-flowsta_session=` under HTTPS) with Max-Age=0, Path=/, HttpOnly, SameSite=Lax (and Secure under HTTPS): clears the session cookie.",
            "schema": {
              "type": "string"
            }
          },
          "WWWAuthenticateBearer": {
            "description": "Names the `Bearer` scheme of the management API.",
            "required": true,
            "schema": {
              "type": "string",
              "const": "Bearer"
            }
          },
          "NoStore": {
            "description": "Never cached.",
            "schema": {
              "type": "string",
              "const": "no-store"
            }
          },
          "PragmaNoCache": {
            "description": "`no-cache`, for HTTP/1.0 caches (RFC 6749 §5.1).",
            "schema": {
              "type": "string",
              "const": "no-cache"
            }
          },
          "PublicFiveMinutes": {
            "description": "May be cached for five minutes (signing keys rotate with hours of overlap).",
            "schema": {
              "type": "string",
              "const": "public, max-age=300"
            }
          },
          "WWWAuthenticateBasic": {
            "description": "The client authentication challenge (RFC 6749 §5.2).",
            "required": true,
            "schema": {
              "type": "string",
              "const": "Basic realm=\"flowsta\""
            }
          },
          "WWWAuthenticateBearerToken": {
            "description": "The RFC 6750 §3 challenge: `Bearer realm=\"flowsta\"` when the request carried no token, otherwise `Bearer realm=\"flowsta\", error=\"invalid_token\"` (or `insufficient_scope`) with an `error_description`.",
            "required": true,
            "schema": {
              "type": "string",
              "pattern": "^Bearer realm=\"flowsta\"",
              "examples": [
                "Bearer realm=\"flowsta\"",
                "Bearer realm=\"flowsta\", error=\"invalid_token\", error_description=\"the access token is invalid, expired or revoked\""
              ]
            }
          },
          "PageContentSecurityPolicy": {
            "description": "`default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'` (the consent page also allows the app's redirect URI origin in `form-action`).",
            "schema": {
              "type": "string"
            }
          },
          "AuthorizationResponseLocation": {
            "description": "The app's validated `redirect_uri` with, added to its query: on success `code`, then `state` (when the request had one) and `iss`; on an error `error`, `error_description`, `state` (when sent) and `iss` (RFC 6749 §4.1.2, RFC 9207).",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uri",
              "examples": [
                "https://app.example/callback?code=Zk3...&state=af0ifjsldkj&iss=https%3A%2F%2Fauth.flowsta.example",
                "https://app.example/callback?error=access_denied&error_description=the%20user%20declined%20the%20request&state=af0ifjsldkj&iss=https%3A%2F%2Fauth.flowsta.example"
              ]
            }
          },
          "AccountLocation": {
            "description": "Back to the account page.",
            "required": true,
            "schema": {
              "type": "string",
              "const": "/account"
            }
          },
          "RetryAfter": {
            "description": "Seconds until a request is allowed again.",
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          },
          "RateLimitPolicy": {
            "description": "The organization's API rate (draft-ietf-httpapi-ratelimit-headers-10): `\"api\";q=<requests>;w=1` — the plan's requests per one-second window. Sent on every response to an API key.",
            "schema": {
              "type": "string",
              "examples": [
                "\"api\";q=10;w=1"
              ]
            }
          },
          "RateLimit": {
            "description": "What is left of the quota: `\"api\";r=<remaining>;t=<seconds until the bucket is full again>`.",
            "schema": {
              "type": "string",
              "examples": [
                "\"api\";r=9;t=1"
              ]
            }
          }
        },
        "responses": {
          "Unauthorized": {
            "description": "No valid session cookie (`unauthorized`).",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "unauthorized"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "PayloadTooLarge": {
            "description": "The request body is over 64 KiB (`payload_too_large`).",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "payload_too_large"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "NotFound": {
            "description": "No such endpoint (`not_found`); the answer for any unknown path.",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "not_found"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "ServerError": {
            "description": "The server could not complete the request (`server_error`).",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "server_error"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "ManagementUnauthorized": {
            "description": "No valid credential (`unauthorized`): no API key and no session cookie, an `Authorization` header that is not `Bearer`, or an unknown, expired or revoked key or session.",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              },
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticateBearer"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "unauthorized"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "InvalidPage": {
            "description": "`limit` is not an integer from 1 to 100, or `cursor` is not one returned by this API or names a time outside 1970-9999 (`invalid_request`).",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "invalid_request"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "OAuthInvalidClient": {
            "description": "Client authentication failed (`invalid_client`): no `client_id`, an unknown or disabled client, a missing or wrong secret of a confidential client, a secret sent by a public client, or a malformed `Authorization` header.",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              },
              "Pragma": {
                "$ref": "#/components/headers/PragmaNoCache"
              },
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticateBasic"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "invalid_client"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "OAuthPayloadTooLarge": {
            "description": "The request body is over 64 KiB (`payload_too_large`).",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "payload_too_large"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "InvalidAccessToken": {
            "description": "No access token, or one that is malformed, expired, not issued by this server, whose grant was revoked, or whose app is disabled or organization deleted (`invalid_token`).",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              },
              "Pragma": {
                "$ref": "#/components/headers/PragmaNoCache"
              },
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWWAuthenticateBearerToken"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "invalid_token"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "RateLimited": {
            "description": "Too many requests with this organization's API keys (`rate_limited`): a token bucket per organization refills at the plan's rate (free 10/s, spark 25/s, pro 100/s; enterprise unlimited) and holds one second's worth. Sessions (the dashboard) are not limited.",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              },
              "Retry-After": {
                "$ref": "#/components/headers/RetryAfter"
              },
              "RateLimit-Policy": {
                "$ref": "#/components/headers/RateLimitPolicy"
              },
              "RateLimit": {
                "$ref": "#/components/headers/RateLimit"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "rate_limited"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "OrganizationDeleted": {
            "description": "An owner deleted the organization (`organization_deleted`): its API keys and apps stop working at once and nothing can be changed; the description names the instant until which an owner can restore it (`POST /api/v1/orgs/{org}/restore`), after which it is purged.",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "organization_deleted"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "CrossSiteRequest": {
            "description": "A request authenticated by the session cookie (no `Authorization` header) that changes something and does not come from this server's pages (`cross_site_request`): `Sec-Fetch-Site` other than `same-origin` or `none`, an `Origin` other than the issuer's (`null` passes only with `Sec-Fetch-Site: same-origin`), or no `Content-Type: application/json` (required even without a body). Requests with an API key are not concerned.",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "cross_site_request"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "UnsupportedMediaType": {
            "description": "The body is not sent as `application/json`: the `Content-Type` header is missing, malformed, repeated or another type (`unsupported_media_type`).",
            "headers": {
              "Cache-Control": {
                "$ref": "#/components/headers/CacheControlNoStore"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Error"
                    },
                    {
                      "properties": {
                        "error": {
                          "enum": [
                            "unsupported_media_type"
                          ]
                        }
                      }
                    }
                  ]
                }
              }
            }
          }
        },
        "schemas": {
          "Error": {
            "type": "object",
            "description": "The one error body of the API.",
            "required": [
              "error",
              "error_description"
            ],
            "properties": {
              "error": {
                "type": "string",
                "description": "A machine-readable error code.",
                "examples": [
                  "invalid_request"
                ]
              },
              "error_description": {
                "type": "string",
                "description": "A human-readable explanation.",
                "examples": [
                  "missing field 'username'"
                ]
              }
            }
          },
          "HealthStatus": {
            "type": "object",
            "required": [
              "status"
            ],
            "properties": {
              "status": {
                "type": "string",
                "const": "ok"
              }
            }
          },
          "ReadyStatus": {
            "type": "object",
            "required": [
              "status"
            ],
            "properties": {
              "status": {
                "type": "string",
                "const": "ready"
              }
            }
          },
          "Username": {
            "type": "string",
            "description": "3-30 characters of ASCII letters, digits, '_' or '-', starting with a letter. Unique case-insensitively; the lowercase form is the OPAQUE credential identifier.",
            "pattern": "^[A-Za-z][A-Za-z0-9_-]{2,29}$",
            "minLength": 3,
            "maxLength": 30,
            "examples": [
              "alice"
            ]
          },
          "DisplayName": {
            "type": "string",
            "description": "1-64 characters after trimming surrounding whitespace, without control characters.",
            "minLength": 1,
            "maxLength": 64
          },
          "Email": {
            "type": "string",
            "format": "email",
            "description": "An email address of at most 254 characters; stored sealed (encrypted). Not unique: an address another account has verified is accepted all the same and that address is sent a notice (at most one a day), but it cannot be verified here. A new address is sent a verification link (single use, valid 24 hours; `POST /auth/email/verification` sends another, at most 5 links a day in all); `email_verified` becomes true only when the user follows it, and only a verified address is an identity (password reset, `email_verified` for apps). Changing the address makes it unverified again.",
            "maxLength": 254
          },
          "RegisterStartRequest": {
            "type": "object",
            "required": [
              "username",
              "registration_request"
            ],
            "properties": {
              "username": {
                "$ref": "#/components/schemas/Username"
              },
              "registration_request": {
                "type": "string",
                "description": "The RFC 9807 RegistrationRequest: 32 bytes, base64url without padding (43 characters).",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              }
            }
          },
          "RegisterStartResponse": {
            "type": "object",
            "required": [
              "registration_response"
            ],
            "properties": {
              "registration_response": {
                "type": "string",
                "description": "The RFC 9807 RegistrationResponse: 64 bytes, base64url without padding (86 characters).",
                "pattern": "^[A-Za-z0-9_-]{86}$",
                "minLength": 86,
                "maxLength": 86
              }
            }
          },
          "RegisterFinishRequest": {
            "type": "object",
            "required": [
              "username",
              "registration_record"
            ],
            "properties": {
              "username": {
                "$ref": "#/components/schemas/Username"
              },
              "registration_record": {
                "type": "string",
                "description": "The RFC 9807 RegistrationRecord: 192 bytes, base64url without padding (256 characters).",
                "pattern": "^[A-Za-z0-9_-]{256}$",
                "minLength": 256,
                "maxLength": 256
              },
              "display_name": {
                "$ref": "#/components/schemas/DisplayName"
              },
              "email": {
                "$ref": "#/components/schemas/Email"
              },
              "agent_pub_key": {
                "type": "string",
                "description": "An Ed25519 public key; the account's `did` is derived from it: 32 bytes, base64url without padding (43 characters).",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              },
              "signup_proof": {
                "$ref": "#/components/schemas/SignupProof",
                "description": "Required for a new account when the server's difficulty is above 0; ignored for a password change."
              }
            }
          },
          "SignupChallenge": {
            "type": "object",
            "required": [
              "challenge",
              "difficulty",
              "expires_at"
            ],
            "description": "A sign-up challenge. Stateless: it carries its issue time and difficulty under the server's keyed MAC, so any instance checks it and nothing is stored.",
            "properties": {
              "challenge": {
                "type": "string",
                "description": "Opaque: 35 base64url characters and 32 lowercase hex digits of their MAC.",
                "pattern": "^[A-Za-z0-9_-]{35}[0-9a-f]{32}$"
              },
              "difficulty": {
                "type": "integer",
                "minimum": 0,
                "maximum": 32,
                "description": "Leading zero bits the hash must have (`FLOWSTA_SIGNUP_PROOF_BITS`, default 20: about a million SHA-256 hashes on average). 0: no proof is needed."
              },
              "expires_at": {
                "type": "string",
                "format": "date-time",
                "description": "10 minutes after issue; the solution must reach `register/finish` by then."
              }
            }
          },
          "SignupProof": {
            "type": "object",
            "required": [
              "challenge",
              "nonce"
            ],
            "description": "A solved sign-up challenge: `SHA-256(UTF-8 of \"flowsta-signup-v1:\" challenge \":\" lowercase username \":\" nonce)` starts with `difficulty` zero bits (most significant bit of the first byte first). The username is inside the hash, so one solution creates one account.",
            "properties": {
              "challenge": {
                "type": "string",
                "description": "The `challenge` of `GET /auth/signup-challenge`, unchanged."
              },
              "nonce": {
                "type": "string",
                "description": "1 to 20 decimal digits.",
                "pattern": "^[0-9]{1,20}$"
              }
            }
          },
          "LoginStartRequest": {
            "type": "object",
            "required": [
              "username",
              "ke1"
            ],
            "properties": {
              "username": {
                "$ref": "#/components/schemas/Username"
              },
              "ke1": {
                "type": "string",
                "description": "The RFC 9807 KE1 message: 96 bytes, base64url without padding (128 characters).",
                "pattern": "^[A-Za-z0-9_-]{128}$",
                "minLength": 128,
                "maxLength": 128
              }
            }
          },
          "LoginStartResponse": {
            "type": "object",
            "required": [
              "login_id",
              "ke2"
            ],
            "properties": {
              "login_id": {
                "type": "string",
                "description": "An opaque, single-use handle for `login/finish`, valid for 60 seconds."
              },
              "ke2": {
                "type": "string",
                "description": "The RFC 9807 KE2 message: 320 bytes, base64url without padding (427 characters).",
                "pattern": "^[A-Za-z0-9_-]{427}$",
                "minLength": 427,
                "maxLength": 427
              }
            }
          },
          "LoginFinishRequest": {
            "type": "object",
            "required": [
              "login_id",
              "ke3"
            ],
            "properties": {
              "login_id": {
                "type": "string",
                "description": "The `login_id` from `login/start`."
              },
              "ke3": {
                "type": "string",
                "description": "The RFC 9807 KE3 message: 64 bytes, base64url without padding (86 characters).",
                "pattern": "^[A-Za-z0-9_-]{86}$",
                "minLength": 86,
                "maxLength": 86
              }
            }
          },
          "ProfilePatchRequest": {
            "type": "object",
            "description": "Absent fields are kept; `null` clears `display_name` or `email`.",
            "properties": {
              "username": {
                "$ref": "#/components/schemas/Username"
              },
              "display_name": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/DisplayName"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "email": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/Email"
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          },
          "User": {
            "type": "object",
            "required": [
              "id",
              "username",
              "display_name",
              "email",
              "email_verified",
              "did",
              "created_at"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid",
                "description": "The account id, lowercase."
              },
              "username": {
                "type": "string",
                "description": "The username as the user chose it (case preserved)."
              },
              "display_name": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "email": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "email_verified": {
                "type": "boolean",
                "description": "True only after the user followed the verification link sent to `email` (single use, valid 24 hours); false without an address, and again after the address changes."
              },
              "did": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "The `did:key` of the Ed25519 agent public key given at registration, or null.",
                "pattern": "^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]+$"
              },
              "created_at": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "UserEnvelope": {
            "type": "object",
            "required": [
              "user"
            ],
            "properties": {
              "user": {
                "$ref": "#/components/schemas/User"
              }
            }
          },
          "SignInResponse": {
            "type": "object",
            "description": "A password sign-in: the account, and the envelopes of the user's root key that this sign-in needs. Flowsta clients open the root key with them; RFC 9807 clients that know nothing of envelopes may ignore `envelopes`.",
            "required": [
              "user",
              "envelopes"
            ],
            "properties": {
              "user": {
                "$ref": "#/components/schemas/User"
              },
              "envelopes": {
                "type": "array",
                "description": "The `password` envelope (opened with this sign-in's export key) and, where the account has one, the `legacy-vault` envelope (opened with the root key), in alphabetical order of `kind`. Empty for an account without a root key (older than the root key, or made by a third-party RFC 9807 client): a Flowsta client then makes one and stores it with `POST /auth/keys`.",
                "items": {
                  "$ref": "#/components/schemas/Envelope"
                },
                "maxItems": 2
              }
            }
          },
          "EnvelopeKind": {
            "type": "string",
            "description": "The lock an envelope belongs to. `password`: the root key sealed under the OPAQUE export key (64 bytes) of the password record; `recovery`: the root key sealed under the export key of the recovery-code record; `legacy-vault`: the vault key of format 1 (accounts older than the root key) sealed under the root key itself.",
            "enum": [
              "password",
              "recovery",
              "legacy-vault"
            ]
          },
          "SealedEnvelope": {
            "type": "string",
            "description": "A sealed key, 61 bytes, base64url without padding (82 characters): `0x01 || nonce (12 bytes) || AES-256-GCM(wrap_key, nonce, key (32 bytes), aad) || tag (16 bytes)` with `wrap_key = HKDF-SHA512(lock_secret, salt empty, info \"flowsta envelope v1:\" kind, 32 bytes)` and `aad = \"flowsta envelope v1:\" kind \":\" user_id` (lowercase UUID), so an envelope is bound to its user and kind. Made on the user's client; the server checks the length and the format byte only and cannot open it.",
            "pattern": "^[A-Za-z0-9_-]{82}$",
            "minLength": 82,
            "maxLength": 82
          },
          "Envelope": {
            "type": "object",
            "description": "One envelope of the user's root key.",
            "required": [
              "kind",
              "envelope"
            ],
            "properties": {
              "kind": {
                "$ref": "#/components/schemas/EnvelopeKind"
              },
              "envelope": {
                "$ref": "#/components/schemas/SealedEnvelope"
              }
            }
          },
          "KindsResponse": {
            "type": "object",
            "required": [
              "kinds"
            ],
            "properties": {
              "kinds": {
                "type": "array",
                "description": "The locks the account has, in the order `password`, `recovery`, `legacy-vault`. `password` means the account has a root key; `recovery` that it has a recovery code; `legacy-vault` that the key of its format-1 vault entries is held under the root key. Empty for an account without a root key.",
                "items": {
                  "$ref": "#/components/schemas/EnvelopeKind"
                },
                "uniqueItems": true,
                "maxItems": 3
              }
            }
          },
          "RecoveryLock": {
            "type": "object",
            "description": "A recovery code: its OPAQUE record (registered with the `registration_response` for the credential identifier `recovery:<user id>`, the normalized 24-character code as the password) and the root key sealed under that record's export key (the `recovery` envelope).",
            "required": [
              "registration_record",
              "envelope"
            ],
            "properties": {
              "registration_record": {
                "type": "string",
                "description": "The RFC 9807 RegistrationRecord: 192 bytes, base64url without padding (256 characters).",
                "pattern": "^[A-Za-z0-9_-]{256}$",
                "minLength": 256,
                "maxLength": 256
              },
              "envelope": {
                "$ref": "#/components/schemas/SealedEnvelope"
              }
            }
          },
          "KeySetupRequest": {
            "type": "object",
            "required": [
              "envelopes"
            ],
            "properties": {
              "envelopes": {
                "type": "array",
                "description": "The `password` envelope (required) and the `legacy-vault` envelope (optional, for an account with vault entries of format 1), each kind at most once. The `recovery` envelope goes in `recovery`.",
                "items": {
                  "$ref": "#/components/schemas/Envelope"
                },
                "minItems": 1,
                "maxItems": 3
              },
              "recovery": {
                "$ref": "#/components/schemas/RecoveryLock",
                "description": "The recovery code (after `POST /auth/recovery/register/start`); optional, it can be added later with `PUT /auth/recovery`."
              }
            }
          },
          "RecoveryRegisterStartRequest": {
            "type": "object",
            "required": [
              "registration_request"
            ],
            "properties": {
              "registration_request": {
                "type": "string",
                "description": "The RFC 9807 RegistrationRequest for the recovery code: 32 bytes, base64url without padding (43 characters).",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              }
            }
          },
          "PasswordChangeRequest": {
            "type": "object",
            "required": [
              "registration_record"
            ],
            "properties": {
              "registration_record": {
                "type": "string",
                "description": "The new password's RFC 9807 RegistrationRecord (after `POST /auth/opaque/register/start` with the session): 192 bytes, base64url without padding (256 characters).",
                "pattern": "^[A-Za-z0-9_-]{256}$",
                "minLength": 256,
                "maxLength": 256
              },
              "envelope": {
                "$ref": "#/components/schemas/SealedEnvelope",
                "description": "The root key sealed under the new password's export key (the new `password` envelope). Required when the account has a root key; an account without one may omit it."
              }
            }
          },
          "RecoveryFinishRequest": {
            "type": "object",
            "required": [
              "login_id",
              "ke3",
              "registration_request"
            ],
            "properties": {
              "login_id": {
                "type": "string",
                "description": "The `login_id` from `POST /auth/recovery/start`."
              },
              "ke3": {
                "type": "string",
                "description": "The RFC 9807 KE3 message: 64 bytes, base64url without padding (86 characters).",
                "pattern": "^[A-Za-z0-9_-]{86}$",
                "minLength": 86,
                "maxLength": 86
              },
              "registration_request": {
                "type": "string",
                "description": "The RFC 9807 RegistrationRequest for the new password: 32 bytes, base64url without padding (43 characters).",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              }
            }
          },
          "RecoveryFinishResponse": {
            "type": "object",
            "required": [
              "recovery_token",
              "registration_response",
              "user_id",
              "envelopes"
            ],
            "properties": {
              "recovery_token": {
                "type": "string",
                "description": "For `POST /auth/recovery/complete`: single use, valid 10 minutes.",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              },
              "registration_response": {
                "type": "string",
                "description": "The RFC 9807 RegistrationResponse for the new password (credential identifier: the lowercase username): 64 bytes, base64url without padding (86 characters).",
                "pattern": "^[A-Za-z0-9_-]{86}$",
                "minLength": 86,
                "maxLength": 86
              },
              "user_id": {
                "type": "string",
                "format": "uuid",
                "description": "The account id, lowercase: part of the envelopes' additional data."
              },
              "envelopes": {
                "type": "array",
                "description": "The `recovery` envelope (opened with the recovery record's export key) and, where the account has one, the `legacy-vault` envelope, in alphabetical order of `kind`.",
                "items": {
                  "$ref": "#/components/schemas/Envelope"
                },
                "minItems": 1,
                "maxItems": 2
              }
            }
          },
          "RecoveryCompleteRequest": {
            "type": "object",
            "required": [
              "recovery_token",
              "registration_record",
              "envelope"
            ],
            "properties": {
              "recovery_token": {
                "type": "string",
                "description": "The `recovery_token` from `POST /auth/recovery/finish`.",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              },
              "registration_record": {
                "type": "string",
                "description": "The new password's RFC 9807 RegistrationRecord: 192 bytes, base64url without padding (256 characters).",
                "pattern": "^[A-Za-z0-9_-]{256}$",
                "minLength": 256,
                "maxLength": 256
              },
              "envelope": {
                "$ref": "#/components/schemas/SealedEnvelope",
                "description": "The root key (opened from the `recovery` envelope) sealed under the new password's export key."
              }
            }
          },
          "PasswordResetRequest": {
            "type": "object",
            "required": [
              "email"
            ],
            "properties": {
              "email": {
                "type": "string",
                "format": "email",
                "maxLength": 254,
                "description": "The account's verified email address."
              }
            }
          },
          "ResetStartRequest": {
            "type": "object",
            "required": [
              "token",
              "registration_request"
            ],
            "properties": {
              "token": {
                "type": "string",
                "description": "The token of the reset link (`/reset#token=...`).",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              },
              "registration_request": {
                "type": "string",
                "description": "The RFC 9807 RegistrationRequest for the new password: 32 bytes, base64url without padding (43 characters).",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              },
              "recovery_registration_request": {
                "type": "string",
                "description": "Optional: the RFC 9807 RegistrationRequest for a new recovery code: 32 bytes, base64url without padding (43 characters).",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              }
            }
          },
          "ResetStartResponse": {
            "type": "object",
            "required": [
              "registration_response",
              "recovery_registration_response",
              "user_id",
              "username"
            ],
            "properties": {
              "registration_response": {
                "type": "string",
                "description": "The RFC 9807 RegistrationResponse for the new password (credential identifier: the lowercase username): 64 bytes, base64url without padding (86 characters).",
                "pattern": "^[A-Za-z0-9_-]{86}$",
                "minLength": 86,
                "maxLength": 86
              },
              "recovery_registration_response": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "The RFC 9807 RegistrationResponse for the new recovery code (credential identifier `recovery:<user id>`), or null when `recovery_registration_request` was not sent: 64 bytes, base64url without padding (86 characters).",
                "pattern": "^[A-Za-z0-9_-]{86}$",
                "minLength": 86,
                "maxLength": 86
              },
              "user_id": {
                "type": "string",
                "format": "uuid",
                "description": "The account id, lowercase: part of the envelopes' additional data."
              },
              "username": {
                "type": "string",
                "description": "The account's username as the user chose it (case preserved)."
              }
            }
          },
          "ResetCompleteRequest": {
            "type": "object",
            "required": [
              "token",
              "registration_record",
              "envelope"
            ],
            "properties": {
              "token": {
                "type": "string",
                "description": "The token of the reset link (`/reset#token=...`).",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              },
              "registration_record": {
                "type": "string",
                "description": "The new password's RFC 9807 RegistrationRecord: 192 bytes, base64url without padding (256 characters).",
                "pattern": "^[A-Za-z0-9_-]{256}$",
                "minLength": 256,
                "maxLength": 256
              },
              "envelope": {
                "$ref": "#/components/schemas/SealedEnvelope",
                "description": "A new root key, made by the client, sealed under the new password's export key."
              },
              "recovery": {
                "$ref": "#/components/schemas/RecoveryLock",
                "description": "Optional: a new recovery code for the new root key (after `recovery_registration_request`). Without it the account has no recovery code."
              }
            }
          },
          "EmailVerificationRequest": {
            "type": "object",
            "required": [
              "token"
            ],
            "properties": {
              "token": {
                "type": "string",
                "description": "The token of the verification link (`/verify-email#token=...`).",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "minLength": 43,
                "maxLength": 43
              }
            }
          },
          "EmptyObject": {
            "type": "object",
            "description": "Always `{}`.",
            "maxProperties": 0
          },
          "SessionSummary": {
            "type": "object",
            "description": "One of the user's sessions. Nothing about the device or the address is kept.",
            "required": [
              "id",
              "created_on",
              "expires_at",
              "current"
            ],
            "properties": {
              "id": {
                "type": "string",
                "description": "A stable id of the session for `DELETE /auth/sessions/{id}` (neither its token nor its stored hash).",
                "pattern": "^[0-9a-f]{32}$"
              },
              "created_on": {
                "type": "string",
                "format": "date",
                "description": "The UTC day the session began (`YYYY-MM-DD`): the day only.",
                "examples": [
                  "2025-03-14"
                ]
              },
              "expires_at": {
                "type": "string",
                "format": "date-time"
              },
              "current": {
                "type": "boolean",
                "description": "Whether it is the session of this request."
              }
            }
          },
          "SessionList": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "description": "Newest first, at most 100.",
                "items": {
                  "$ref": "#/components/schemas/SessionSummary"
                },
                "maxItems": 100
              }
            }
          },
          "Role": {
            "type": "string",
            "enum": [
              "owner",
              "admin",
              "member"
            ],
            "description": "owner: everything; admin: team (non-owner roles), apps, keys; member: read."
          },
          "Plan": {
            "type": "string",
            "enum": [
              "free",
              "spark",
              "pro",
              "enterprise"
            ]
          },
          "OrganizationName": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "description": "1-100 characters after trimming surrounding whitespace, without control characters."
          },
          "ContactEmail": {
            "type": "string",
            "format": "email",
            "maxLength": 254,
            "description": "An email address of at most 254 characters; stored encrypted."
          },
          "BillingAddress": {
            "type": "string",
            "maxLength": 500,
            "description": "At most 500 characters after trimming surrounding whitespace."
          },
          "Organization": {
            "type": "object",
            "required": [
              "id",
              "name",
              "contact_email",
              "billing_address",
              "plan",
              "role",
              "created_at",
              "deleted_at",
              "restorable_until"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid",
                "description": "The organization id, lowercase."
              },
              "name": {
                "$ref": "#/components/schemas/OrganizationName"
              },
              "contact_email": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "billing_address": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "plan": {
                "$ref": "#/components/schemas/Plan"
              },
              "role": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/Role"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "The caller's role; null for API keys."
              },
              "created_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the organization was created."
              },
              "deleted_at": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time",
                "description": "When an owner deleted the organization; null while active."
              },
              "restorable_until": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time",
                "description": "Until when an owner can restore it (30 days after deletion); null while active."
              }
            }
          },
          "OrganizationPage": {
            "type": "object",
            "description": "One page of organizations. `next_cursor` is null on the last page; pass it as `cursor` for the next one.",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Organization"
                },
                "maxItems": 100
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Opaque; null when there is no further page."
              }
            }
          },
          "CreateOrganizationRequest": {
            "type": "object",
            "required": [
              "name"
            ],
            "properties": {
              "name": {
                "$ref": "#/components/schemas/OrganizationName"
              },
              "contact_email": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/ContactEmail"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "billing_address": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/BillingAddress"
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          },
          "UpdateOrganizationRequest": {
            "type": "object",
            "description": "Absent fields are kept; `null` clears `contact_email` or `billing_address`.",
            "properties": {
              "name": {
                "$ref": "#/components/schemas/OrganizationName"
              },
              "contact_email": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/ContactEmail"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "billing_address": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/BillingAddress"
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          },
          "Member": {
            "type": "object",
            "required": [
              "user_id",
              "username",
              "display_name",
              "role",
              "joined_at"
            ],
            "properties": {
              "user_id": {
                "type": "string",
                "format": "uuid",
                "description": "The member's account id, lowercase."
              },
              "username": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "display_name": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "role": {
                "$ref": "#/components/schemas/Role"
              },
              "joined_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the user became a member."
              }
            }
          },
          "MemberPage": {
            "type": "object",
            "description": "One page of members. `next_cursor` is null on the last page; pass it as `cursor` for the next one.",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Member"
                },
                "maxItems": 100
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Opaque; null when there is no further page."
              }
            }
          },
          "ChangeRoleRequest": {
            "type": "object",
            "required": [
              "role"
            ],
            "properties": {
              "role": {
                "$ref": "#/components/schemas/Role"
              }
            }
          },
          "APIKey": {
            "type": "object",
            "description": "An API key's metadata; never the key itself.",
            "required": [
              "id",
              "name",
              "prefix",
              "created_at",
              "last_used_day",
              "expires_at",
              "revoked"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid",
                "description": "The key id, lowercase."
              },
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100
              },
              "prefix": {
                "type": "string",
                "pattern": "^fsk_live_[0-9A-Za-z]{6}$",
                "description": "The key's first 15 characters, to recognize it.",
                "examples": [
                  "fsk_live_3kT9aQ"
                ]
              },
              "created_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the key was created."
              },
              "last_used_day": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": "The last UTC day (YYYY-MM-DD) the key was used; null if never."
              },
              "expires_at": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time",
                "description": "When the key stops working (explicit expiry or rotation grace); null for never."
              },
              "revoked": {
                "type": "boolean"
              }
            }
          },
          "APIKeyPage": {
            "type": "object",
            "description": "One page of API keys. `next_cursor` is null on the last page; pass it as `cursor` for the next one.",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/APIKey"
                },
                "maxItems": 100
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Opaque; null when there is no further page."
              }
            }
          },
          "CreatedAPIKey": {
            "type": "object",
            "description": "A new key: the only response that contains the full key.",
            "required": [
              "key",
              "secret"
            ],
            "properties": {
              "key": {
                "$ref": "#/components/schemas/APIKey"
              },
              "secret": {
                "type": "string",
                "pattern": "^fsk_live_[0-9A-Za-z]{43}$",
                "description": "The full API key, for `Authorization: Bearer`. Shown only this once."
              }
            }
          },
          "CreateAPIKeyRequest": {
            "type": "object",
            "required": [
              "name"
            ],
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "description": "1-100 characters after trimming surrounding whitespace, without control characters."
              },
              "expires_at": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time",
                "description": "An optional expiry in the future and at most 10 years ahead (RFC 3339, e.g. `2030-01-01T00:00:00Z`); absent or null: never."
              }
            }
          },
          "RotateAPIKeyRequest": {
            "type": "object",
            "properties": {
              "grace_hours": {
                "type": [
                  "number",
                  "null"
                ],
                "minimum": 0,
                "maximum": 720,
                "default": 24,
                "description": "How long the old key keeps working, in hours (0-720); absent or null: 24."
              }
            }
          },
          "AuditEvent": {
            "type": "object",
            "description": "Who did what to which object. Never an address or device data.",
            "required": [
              "id",
              "occurred_at",
              "actor_type",
              "actor_id",
              "action",
              "target_type",
              "target_id"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid",
                "description": "The event id, lowercase."
              },
              "occurred_at": {
                "type": "string",
                "format": "date-time",
                "description": "When it happened."
              },
              "actor_type": {
                "type": "string",
                "enum": [
                  "user",
                  "api_key"
                ]
              },
              "actor_id": {
                "type": "string",
                "format": "uuid",
                "description": "The user or API key id, lowercase."
              },
              "action": {
                "type": "string",
                "examples": [
                  "organization.created",
                  "member.role_changed:member->admin",
                  "api_key.rotated",
                  "app.disabled",
                  "invite.created"
                ]
              },
              "target_type": {
                "type": "string",
                "examples": [
                  "organization",
                  "user",
                  "api_key",
                  "app",
                  "invite"
                ]
              },
              "target_id": {
                "type": "string",
                "description": "The target's id (a lowercase UUID for the current target types)."
              }
            }
          },
          "AuditEventPage": {
            "type": "object",
            "description": "One page of audit events. `next_cursor` is null on the last page; pass it as `cursor` for the next one.",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/AuditEvent"
                },
                "maxItems": 100
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Opaque; null when there is no further page."
              }
            }
          },
          "AppType": {
            "type": "string",
            "enum": [
              "web",
              "native",
              "desktop"
            ],
            "description": "The kind of client: `web` apps redirect only to `https` (or `http` on loopback); `native` and `desktop` apps may also use custom schemes."
          },
          "Scope": {
            "type": "string",
            "enum": [
              "openid",
              "profile",
              "email",
              "offline_access",
              "display_name",
              "username",
              "profile_picture",
              "did",
              "public_key"
            ],
            "description": "A scope an app may request."
          },
          "AppName": {
            "type": "string",
            "minLength": 1,
            "maxLength": 100,
            "description": "1-100 characters after trimming surrounding whitespace, without control characters."
          },
          "AppDescription": {
            "type": "string",
            "maxLength": 500,
            "description": "At most 500 characters after trimming surrounding whitespace (stored trimmed)."
          },
          "AppLink": {
            "type": "string",
            "format": "uri",
            "maxLength": 2000,
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#]+",
            "description": "An absolute `https` URL with a host (`http` only on loopback hosts: localhost, 127.0.0.1, [::1]), at most 2000 bytes."
          },
          "RedirectURI": {
            "type": "string",
            "format": "uri",
            "maxLength": 2000,
            "pattern": "^[A-Za-z][A-Za-z0-9+.-]*:[^#]*$",
            "description": "An absolute URI of at most 2000 bytes, without a fragment: `https` with a host, `http` only on loopback hosts (localhost, 127.0.0.1, [::1]), or a custom scheme (containing a dot or at least 3 characters, e.g. `com.example.app:/callback`) for `native` and `desktop` apps only. The schemes `javascript`, `data`, `file` and `vbscript` are refused.",
            "examples": [
              "https://app.example.com/callback",
              "http://127.0.0.1:8080/callback",
              "com.example.app:/callback"
            ]
          },
          "RedirectURIs": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RedirectURI"
            },
            "minItems": 1,
            "maxItems": 10,
            "uniqueItems": true,
            "description": "1-10 distinct redirect URIs, checked against the app's `type`."
          },
          "RequestedScopes": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Scope"
            },
            "minItems": 1,
            "description": "At least one supported scope; duplicates are merged and the list is stored sorted."
          },
          "App": {
            "type": "object",
            "description": "An app (OAuth client); never its client secret.",
            "required": [
              "id",
              "client_id",
              "name",
              "description",
              "type",
              "redirect_uris",
              "allowed_scopes",
              "logo_url",
              "privacy_url",
              "terms_url",
              "active",
              "confidential",
              "id_token_signed_response_alg",
              "created_at",
              "updated_at"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid",
                "description": "The app id, lowercase."
              },
              "client_id": {
                "type": "string",
                "pattern": "^flowsta_app_[0-9A-Za-z]{22}$",
                "description": "The public OAuth client identifier.",
                "examples": [
                  "flowsta_app_4fQ1bW7xZk2LpR9sT3vNa8"
                ]
              },
              "name": {
                "$ref": "#/components/schemas/AppName"
              },
              "description": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "type": {
                "$ref": "#/components/schemas/AppType"
              },
              "redirect_uris": {
                "$ref": "#/components/schemas/RedirectURIs"
              },
              "allowed_scopes": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Scope"
                },
                "minItems": 1,
                "uniqueItems": true,
                "description": "The scopes the app may request, sorted."
              },
              "logo_url": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "privacy_url": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "terms_url": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "active": {
                "type": "boolean",
                "description": "False when the app is disabled (it does not sign users in)."
              },
              "confidential": {
                "type": "boolean",
                "description": "True once a client secret has been issued (a confidential client); false for a public client."
              },
              "id_token_signed_response_alg": {
                "type": "string",
                "enum": [
                  "RS256",
                  "ES256",
                  "EdDSA"
                ],
                "description": "The algorithm of this app's ID tokens (RS256 unless the app chose another)."
              },
              "created_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the app was created."
              },
              "updated_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the app's settings or secret last changed."
              }
            }
          },
          "AppPage": {
            "type": "object",
            "description": "One page of apps. `next_cursor` is null on the last page; pass it as `cursor` for the next one.",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/App"
                },
                "maxItems": 100
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Opaque; null when there is no further page."
              }
            }
          },
          "CreateAppRequest": {
            "type": "object",
            "required": [
              "name",
              "type",
              "redirect_uris"
            ],
            "properties": {
              "name": {
                "$ref": "#/components/schemas/AppName"
              },
              "type": {
                "$ref": "#/components/schemas/AppType"
              },
              "redirect_uris": {
                "$ref": "#/components/schemas/RedirectURIs"
              },
              "allowed_scopes": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/RequestedScopes"
                  }
                ],
                "default": [
                  "openid",
                  "profile"
                ],
                "description": "Absent: `[\"openid\", \"profile\"]`."
              },
              "description": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AppDescription"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "logo_url": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AppLink"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "privacy_url": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AppLink"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "terms_url": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AppLink"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "active": {
                "type": "boolean",
                "default": true,
                "description": "Absent: true."
              },
              "id_token_signed_response_alg": {
                "type": [
                  "string",
                  "null"
                ],
                "enum": [
                  "RS256",
                  "ES256",
                  "EdDSA",
                  null
                ],
                "description": "The algorithm of this app's ID tokens; null or absent means RS256 (OIDC Dynamic Client Registration metadata)."
              }
            }
          },
          "UpdateAppRequest": {
            "type": "object",
            "description": "Absent fields are kept; `null` clears `description`, `logo_url`, `privacy_url` or `terms_url`.",
            "properties": {
              "name": {
                "$ref": "#/components/schemas/AppName"
              },
              "type": {
                "$ref": "#/components/schemas/AppType"
              },
              "redirect_uris": {
                "$ref": "#/components/schemas/RedirectURIs"
              },
              "allowed_scopes": {
                "$ref": "#/components/schemas/RequestedScopes"
              },
              "description": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AppDescription"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "logo_url": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AppLink"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "privacy_url": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AppLink"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "terms_url": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/AppLink"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "active": {
                "type": "boolean",
                "description": "false disables the app, true enables it."
              },
              "id_token_signed_response_alg": {
                "type": [
                  "string",
                  "null"
                ],
                "enum": [
                  "RS256",
                  "ES256",
                  "EdDSA",
                  null
                ],
                "description": "The algorithm of this app's ID tokens; null or absent keeps RS256 (OIDC Dynamic Client Registration metadata)."
              }
            }
          },
          "AppClientSecret": {
            "type": "object",
            "description": "A newly issued client secret: the only response that contains it.",
            "required": [
              "app",
              "client_secret"
            ],
            "properties": {
              "app": {
                "$ref": "#/components/schemas/App"
              },
              "client_secret": {
                "type": "string",
                "pattern": "^flowsta_secret_[0-9A-Za-z]{43}$",
                "description": "The client secret, for the token endpoint. Shown only this once."
              }
            }
          },
          "Invite": {
            "type": "object",
            "description": "A pending invite; never its token.",
            "required": [
              "id",
              "email",
              "role",
              "created_at",
              "expires_at"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid",
                "description": "The invite id, lowercase."
              },
              "email": {
                "type": "string",
                "format": "email",
                "maxLength": 254,
                "description": "The invited address, trimmed, with its domain lowercased."
              },
              "role": {
                "$ref": "#/components/schemas/Role"
              },
              "created_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the invite was created."
              },
              "expires_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the current link stops working: 7 days after creation or the last resend."
              }
            }
          },
          "InvitePage": {
            "type": "object",
            "description": "One page of invites. `next_cursor` is null on the last page; pass it as `cursor` for the next one.",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Invite"
                },
                "maxItems": 100
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Opaque; null when there is no further page."
              }
            }
          },
          "CreateInviteRequest": {
            "type": "object",
            "required": [
              "email",
              "role"
            ],
            "properties": {
              "email": {
                "type": "string",
                "maxLength": 254,
                "description": "An email address: at most 254 bytes after trimming, no whitespace or control characters, one `@` with a non-empty local part and a domain of at least two non-empty labels."
              },
              "role": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Role"
                  }
                ],
                "description": "The role the invitee gets; only owners invite owners."
              }
            }
          },
          "AcceptInviteRequest": {
            "type": "object",
            "required": [
              "token"
            ],
            "properties": {
              "token": {
                "type": "string",
                "description": "The `token` query parameter of the invite link."
              }
            }
          },
          "HTMLPage": {
            "type": "string",
            "contentMediaType": "text/html",
            "description": "An HTML page."
          },
          "SigningAlgorithm": {
            "type": "string",
            "enum": [
              "RS256",
              "ES256",
              "EdDSA"
            ],
            "description": "A JWS algorithm tokens are signed with."
          },
          "DiscoveryDocument": {
            "type": "object",
            "description": "OpenID Provider Metadata (OIDC Discovery 1.0 §3, RFC 8414 §2, RFC 9207 §3).",
            "required": [
              "issuer",
              "authorization_endpoint",
              "token_endpoint",
              "userinfo_endpoint",
              "jwks_uri",
              "revocation_endpoint",
              "introspection_endpoint",
              "scopes_supported",
              "response_types_supported",
              "response_modes_supported",
              "grant_types_supported",
              "code_challenge_methods_supported",
              "id_token_signing_alg_values_supported",
              "token_endpoint_auth_methods_supported",
              "revocation_endpoint_auth_methods_supported",
              "introspection_endpoint_auth_methods_supported",
              "subject_types_supported",
              "prompt_values_supported",
              "claims_supported",
              "authorization_response_iss_parameter_supported",
              "claims_parameter_supported",
              "request_parameter_supported",
              "request_uri_parameter_supported"
            ],
            "properties": {
              "issuer": {
                "type": "string",
                "format": "uri",
                "description": "The issuer identifier (`FLOWSTA_ISSUER`, no trailing slash); the `iss` of every token."
              },
              "authorization_endpoint": {
                "type": "string",
                "format": "uri",
                "description": "The issuer + `/oauth/authorize`."
              },
              "token_endpoint": {
                "type": "string",
                "format": "uri",
                "description": "The issuer + `/oauth/token`."
              },
              "userinfo_endpoint": {
                "type": "string",
                "format": "uri",
                "description": "The issuer + `/oauth/userinfo`."
              },
              "jwks_uri": {
                "type": "string",
                "format": "uri",
                "description": "The issuer + `/.well-known/jwks.json`."
              },
              "revocation_endpoint": {
                "type": "string",
                "format": "uri",
                "description": "The issuer + `/oauth/revoke`."
              },
              "introspection_endpoint": {
                "type": "string",
                "format": "uri",
                "description": "The issuer + `/oauth/introspect`."
              },
              "scopes_supported": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Scope"
                },
                "description": "Every scope an app may be allowed."
              },
              "response_types_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "Only `code`.",
                "examples": [
                  [
                    "code"
                  ]
                ]
              },
              "response_modes_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "Only `query`.",
                "examples": [
                  [
                    "query"
                  ]
                ]
              },
              "grant_types_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "The grant types of the token endpoint.",
                "examples": [
                  [
                    "authorization_code",
                    "refresh_token",
                    "client_credentials"
                  ]
                ]
              },
              "code_challenge_methods_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "PKCE methods: only `S256`.",
                "examples": [
                  [
                    "S256"
                  ]
                ]
              },
              "id_token_signing_alg_values_supported": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/SigningAlgorithm"
                },
                "description": "Algorithms ID tokens may be signed with (RS256 unless the app chose another)."
              },
              "token_endpoint_auth_methods_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "Client authentication methods of the token endpoint.",
                "examples": [
                  [
                    "none",
                    "client_secret_basic",
                    "client_secret_post"
                  ]
                ]
              },
              "revocation_endpoint_auth_methods_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "Client authentication methods of the revocation endpoint.",
                "examples": [
                  [
                    "none",
                    "client_secret_basic",
                    "client_secret_post"
                  ]
                ]
              },
              "introspection_endpoint_auth_methods_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "Client authentication methods of the introspection endpoint.",
                "examples": [
                  [
                    "none",
                    "client_secret_basic",
                    "client_secret_post"
                  ]
                ]
              },
              "subject_types_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "Only `pairwise`: each app sees its own `sub` for a user.",
                "examples": [
                  [
                    "pairwise"
                  ]
                ]
              },
              "prompt_values_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "The `prompt` values acted on.",
                "examples": [
                  [
                    "none",
                    "login",
                    "consent"
                  ]
                ]
              },
              "claims_supported": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "Claims that may appear in ID tokens and UserInfo responses.",
                "examples": [
                  [
                    "iss",
                    "sub",
                    "aud",
                    "exp",
                    "iat",
                    "auth_time",
                    "nonce",
                    "at_hash",
                    "azp",
                    "name",
                    "preferred_username",
                    "display_name",
                    "email",
                    "email_verified",
                    "did",
                    "public_key"
                  ]
                ]
              },
              "authorization_response_iss_parameter_supported": {
                "type": "boolean",
                "description": "Always true: authorization responses carry `iss` (RFC 9207)."
              },
              "claims_parameter_supported": {
                "type": "boolean",
                "description": "Always false."
              },
              "request_parameter_supported": {
                "type": "boolean",
                "description": "Always false: `request` is refused."
              },
              "request_uri_parameter_supported": {
                "type": "boolean",
                "description": "Always false: `request_uri` is refused."
              }
            },
            "examples": [
              {
                "issuer": "https://auth.flowsta.example",
                "authorization_endpoint": "https://auth.flowsta.example/oauth/authorize",
                "token_endpoint": "https://auth.flowsta.example/oauth/token",
                "userinfo_endpoint": "https://auth.flowsta.example/oauth/userinfo",
                "jwks_uri": "https://auth.flowsta.example/.well-known/jwks.json",
                "revocation_endpoint": "https://auth.flowsta.example/oauth/revoke",
                "introspection_endpoint": "https://auth.flowsta.example/oauth/introspect",
                "scopes_supported": [
                  "openid",
                  "profile",
                  "email",
                  "offline_access",
                  "display_name",
                  "username",
                  "profile_picture",
                  "did",
                  "public_key"
                ],
                "response_types_supported": [
                  "code"
                ],
                "response_modes_supported": [
                  "query"
                ],
                "grant_types_supported": [
                  "authorization_code",
                  "refresh_token",
                  "client_credentials"
                ],
                "code_challenge_methods_supported": [
                  "S256"
                ],
                "id_token_signing_alg_values_supported": [
                  "RS256",
                  "ES256",
                  "EdDSA"
                ],
                "token_endpoint_auth_methods_supported": [
                  "none",
                  "client_secret_basic",
                  "client_secret_post"
                ],
                "revocation_endpoint_auth_methods_supported": [
                  "none",
                  "client_secret_basic",
                  "client_secret_post"
                ],
                "introspection_endpoint_auth_methods_supported": [
                  "none",
                  "client_secret_basic",
                  "client_secret_post"
                ],
                "subject_types_supported": [
                  "pairwise"
                ],
                "prompt_values_supported": [
                  "none",
                  "login",
                  "consent"
                ],
                "claims_supported": [
                  "iss",
                  "sub",
                  "aud",
                  "exp",
                  "iat",
                  "auth_time",
                  "nonce",
                  "at_hash",
                  "azp",
                  "name",
                  "preferred_username",
                  "display_name",
                  "email",
                  "email_verified",
                  "did",
                  "public_key"
                ],
                "authorization_response_iss_parameter_supported": true,
                "claims_parameter_supported": false,
                "request_parameter_supported": false,
                "request_uri_parameter_supported": false
              }
            ]
          },
          "JWK": {
            "type": "object",
            "description": "A public signing key (RFC 7517, RFC 7518 §6, RFC 8037). RSA keys carry `n` and `e`; EC P-256 keys `crv`, `x` and `y`; Ed25519 keys (`kty: OKP`) `crv` and `x`. Absent members are omitted.",
            "required": [
              "kty",
              "use",
              "kid",
              "alg"
            ],
            "properties": {
              "kty": {
                "type": "string",
                "enum": [
                  "RSA",
                  "EC",
                  "OKP"
                ],
                "description": "The key type."
              },
              "use": {
                "type": "string",
                "const": "sig",
                "description": "Always `sig`."
              },
              "kid": {
                "type": "string",
                "description": "The key id, as in the `kid` header of the tokens it signs."
              },
              "alg": {
                "$ref": "#/components/schemas/SigningAlgorithm"
              },
              "n": {
                "type": "string",
                "description": "RSA modulus, base64url without padding."
              },
              "e": {
                "type": "string",
                "description": "RSA public exponent, base64url without padding."
              },
              "crv": {
                "type": "string",
                "enum": [
                  "P-256",
                  "Ed25519"
                ],
                "description": "The curve (EC and OKP keys)."
              },
              "x": {
                "type": "string",
                "description": "The x coordinate (EC) or the public key (OKP), base64url without padding."
              },
              "y": {
                "type": "string",
                "description": "The y coordinate (EC), base64url without padding."
              }
            }
          },
          "JWKSet": {
            "type": "object",
            "description": "A JSON Web Key Set (RFC 7517 §5): the keys currently published, including ones being rotated in or out.",
            "required": [
              "keys"
            ],
            "properties": {
              "keys": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/JWK"
                }
              }
            }
          },
          "TokenRequest": {
            "type": "object",
            "description": "A token request (RFC 6749 §4.1.3, §6, §4.4). Values are strings; in a JSON body a number is taken as its decimal string and `null` as absent, and any other value is refused with `invalid_request`.",
            "required": [
              "grant_type"
            ],
            "properties": {
              "grant_type": {
                "type": "string",
                "enum": [
                  "authorization_code",
                  "refresh_token",
                  "client_credentials"
                ],
                "description": "Other values answer `unsupported_grant_type`."
              },
              "code": {
                "type": "string",
                "description": "`authorization_code`: the code from the authorization response (60 seconds, single use; a second use revokes the tokens issued from it)."
              },
              "redirect_uri": {
                "type": "string",
                "description": "`authorization_code`: required, and identical, when the authorization request sent one."
              },
              "code_verifier": {
                "type": "string",
                "description": "`authorization_code`: the PKCE verifier (RFC 7636) whose S256 hash is the `code_challenge`; required."
              },
              "refresh_token": {
                "type": "string",
                "description": "`refresh_token`: the current refresh token; required."
              },
              "scope": {
                "type": "string",
                "description": "`refresh_token`: a space-delimited subset of the granted scopes (narrows the new tokens). `client_credentials`: must be empty or absent (no user scopes)."
              },
              "client_id": {
                "type": "string",
                "description": "The client id (`client_secret_post` or `none`). With HTTP Basic it may be omitted; if sent it must match."
              },
              "client_secret": {
                "type": "string",
                "description": "The client secret (`client_secret_post`). Not together with HTTP Basic."
              }
            }
          },
          "TokenResponse": {
            "type": "object",
            "description": "A successful token response (RFC 6749 §5.1, OIDC Core §3.1.3.3).",
            "required": [
              "access_token",
              "token_type",
              "expires_in"
            ],
            "properties": {
              "access_token": {
                "type": "string",
                "description": "A JWT access token (`typ: at+jwt`)."
              },
              "token_type": {
                "type": "string",
                "const": "Bearer"
              },
              "expires_in": {
                "type": "integer",
                "description": "Seconds the access token is valid (3600).",
                "examples": [
                  3600
                ]
              },
              "scope": {
                "type": "string",
                "description": "The granted scopes, space-delimited; absent when none (client credentials).",
                "examples": [
                  "openid profile"
                ]
              },
              "id_token": {
                "type": "string",
                "description": "The ID token, when `openid` was granted to a user. With `email` granted and an address set, it carries the `email` and `email_verified` claims (`email_verified` true only after the user followed the verification link sent to the address)."
              },
              "refresh_token": {
                "type": "string",
                "description": "A refresh token: from `authorization_code` when `offline_access` was granted, and a new (rotated) one on every `refresh_token` grant; replace the old one."
              }
            }
          },
          "UserInfo": {
            "type": "object",
            "description": "OIDC Core §5.3 UserInfo response: only the claims the granted scopes allow; the others are omitted.",
            "required": [
              "sub"
            ],
            "properties": {
              "sub": {
                "type": "string",
                "description": "The user's pairwise identifier for this app."
              },
              "name": {
                "type": "string",
                "description": "`profile`: the display name, or the username when there is none."
              },
              "preferred_username": {
                "type": "string",
                "description": "`profile` or `username`: the username."
              },
              "display_name": {
                "type": "string",
                "description": "`display_name`: the display name, when set."
              },
              "email": {
                "type": "string",
                "format": "email",
                "description": "`email` (when the user agreed to share it): the email address, when set."
              },
              "email_verified": {
                "type": "boolean",
                "description": "Sent with `email`: true only when the user verified the address by following the link sent to it (single use, valid 24 hours), false otherwise."
              },
              "did": {
                "type": "string",
                "description": "`did`: the user's decentralized identifier."
              },
              "public_key": {
                "type": "string",
                "description": "`public_key`: the user's public signing key, base64url without padding, when set."
              }
            }
          },
          "UserInfoRequest": {
            "type": "object",
            "description": "RFC 6750 §2.2: the access token in the body, when there is no `Authorization` header (which takes precedence).",
            "properties": {
              "access_token": {
                "type": "string"
              }
            }
          },
          "RevocationRequest": {
            "type": "object",
            "description": "RFC 7009 §2.1. Values are strings; in a JSON body a number is taken as its decimal string and `null` as absent, and any other value is refused with `invalid_request`.",
            "required": [
              "token"
            ],
            "properties": {
              "token": {
                "type": "string",
                "description": "An access token or refresh token issued to this client."
              },
              "token_type_hint": {
                "type": "string",
                "enum": [
                  "access_token",
                  "refresh_token"
                ],
                "description": "Accepted and ignored: both kinds are tried."
              },
              "client_id": {
                "type": "string",
                "description": "The client id (`client_secret_post` or `none`). With HTTP Basic it may be omitted; if sent it must match."
              },
              "client_secret": {
                "type": "string",
                "description": "The client secret (`client_secret_post`). Not together with HTTP Basic."
              }
            }
          },
          "IntrospectionRequest": {
            "type": "object",
            "description": "RFC 7662 §2.1. Values are strings; in a JSON body a number is taken as its decimal string and `null` as absent, and any other value is refused with `invalid_request`.",
            "required": [
              "token"
            ],
            "properties": {
              "token": {
                "type": "string",
                "description": "An access token or refresh token."
              },
              "token_type_hint": {
                "type": "string",
                "enum": [
                  "access_token",
                  "refresh_token"
                ],
                "description": "Accepted and ignored: both kinds are tried."
              },
              "client_id": {
                "type": "string",
                "description": "The client id (`client_secret_post` or `none`). With HTTP Basic it may be omitted; if sent it must match."
              },
              "client_secret": {
                "type": "string",
                "description": "The client secret (`client_secret_post`). Not together with HTTP Basic."
              }
            }
          },
          "IntrospectionResponse": {
            "type": "object",
            "description": "RFC 7662 §2.2. Only `{\"active\": false}` for anything that is not a live token issued to the calling client (other clients' tokens included).",
            "required": [
              "active"
            ],
            "properties": {
              "active": {
                "type": "boolean"
              },
              "scope": {
                "type": "string",
                "description": "The scopes, space-delimited."
              },
              "client_id": {
                "type": "string",
                "description": "The client the token was issued to."
              },
              "token_type": {
                "type": "string",
                "enum": [
                  "Bearer",
                  "refresh_token"
                ],
                "description": "`Bearer` for access tokens, `refresh_token` for refresh tokens."
              },
              "exp": {
                "type": "integer",
                "description": "Expiry, seconds since the epoch."
              },
              "iat": {
                "type": "integer",
                "description": "Issue time, seconds since the epoch (access tokens only)."
              },
              "sub": {
                "type": "string",
                "description": "The user's pairwise identifier for this app (the client id for client-credentials tokens)."
              },
              "aud": {
                "type": "string",
                "description": "The audience: the client id."
              },
              "iss": {
                "type": "string",
                "description": "The issuer."
              },
              "jti": {
                "type": "string",
                "description": "The token id (access tokens only)."
              }
            },
            "examples": [
              {
                "active": false
              },
              {
                "active": true,
                "scope": "openid profile",
                "client_id": "flowsta_app_4fQ1bW7xZk2LpR9sT3vNa8",
                "token_type": "Bearer",
                "exp": 1767229200,
                "iat": 1767225600,
                "sub": "Q2hhbmdlIG1lIGZvciBhIHJlYWwgcGFpcndpc2Ugc3Vi",
                "aud": "flowsta_app_4fQ1bW7xZk2LpR9sT3vNa8",
                "iss": "https://auth.flowsta.example",
                "jti": "bq3Yt6n1e0aW9mPzR2kL8g"
              }
            ]
          },
          "AuthorizationDecisionForm": {
            "type": "object",
            "description": "The consent page's (or pass-through page's) form: the authorization request's parameters (as hidden fields), the user's answer and the analytics id.",
            "required": [
              "csrf_token",
              "decision",
              "response_type",
              "client_id",
              "code_challenge",
              "code_challenge_method"
            ],
            "properties": {
              "csrf_token": {
                "type": "string",
                "description": "The per-session CSRF token of the page."
              },
              "decision": {
                "type": "string",
                "enum": [
                  "allow",
                  "deny"
                ],
                "description": "Anything but `allow` denies."
              },
              "share_email": {
                "type": "string",
                "const": "yes",
                "description": "Present when the user ticked sharing the email address; otherwise `email` is not granted."
              },
              "response_type": {
                "type": "string",
                "const": "code",
                "description": "Only `code` (otherwise `unsupported_response_type`)."
              },
              "client_id": {
                "type": "string",
                "description": "The app's client id."
              },
              "redirect_uri": {
                "type": "string",
                "format": "uri",
                "description": "Must exactly match a registered redirect URI; may be omitted when the app has exactly one."
              },
              "scope": {
                "type": "string",
                "description": "Space-delimited scopes the app is allowed (default `openid`).",
                "examples": [
                  "openid profile offline_access"
                ]
              },
              "state": {
                "type": "string",
                "maxLength": 2048,
                "description": "Opaque value returned unchanged in the redirect."
              },
              "nonce": {
                "type": "string",
                "maxLength": 512,
                "description": "Copied into the ID token."
              },
              "code_challenge": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_-]{43}$",
                "description": "PKCE (RFC 7636): base64url (no padding) SHA-256 of the `code_verifier`; required."
              },
              "code_challenge_method": {
                "type": "string",
                "const": "S256",
                "description": "Required; `plain` is refused."
              },
              "prompt": {
                "type": "string",
                "description": "Space-delimited OIDC prompt values: `none` (never show a page; `login_required` or `consent_required` instead; not combinable), `login` (sign in again), `consent` (ask again)."
              },
              "max_age": {
                "type": "integer",
                "minimum": 0,
                "description": "Maximum age in seconds of the sign-in; an older session must sign in again."
              },
              "response_mode": {
                "type": "string",
                "const": "query",
                "description": "Only `query`."
              },
              "flow": {
                "type": "string",
                "const": "continue",
                "description": "Sent by the pass-through page of a remembered consent: the consent must still be on record (otherwise the consent page is shown again)."
              },
              "analytics_id": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_-]{22}$",
                "description": "The user's analytics id for this app and month: base64url (no padding) of the first 16 bytes of `HMAC-SHA256(analytics_root, client_id \":\" analytics_month)`, `analytics_root = HKDF-SHA512(export_key, info \"flowsta analytics v1\", 32 bytes)`. Empty or absent: the sign-in is not counted (and refused when the free plan's limit is reached)."
              },
              "analytics_month": {
                "type": "string",
                "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
                "description": "The month the id was derived for, as the page said: the current UTC month (the previous one is accepted during the first hour of a month)."
              }
            }
          },
          "CSRFForm": {
            "type": "object",
            "description": "A hosted-page form protected by the per-session CSRF token.",
            "properties": {
              "csrf_token": {
                "type": "string",
                "description": "The per-session CSRF token of the page the form was on."
              }
            }
          },
          "UsageRow": {
            "type": "object",
            "required": [
              "period_start",
              "route_group",
              "requests",
              "client_errors",
              "server_errors",
              "error_rate"
            ],
            "properties": {
              "period_start": {
                "type": "string",
                "format": "date-time",
                "description": "Start of the period (UTC); for `totals`, the report's `from`."
              },
              "route_group": {
                "type": "string",
                "enum": [
                  "token",
                  "userinfo",
                  "introspect",
                  "revoke",
                  "management"
                ]
              },
              "requests": {
                "type": "integer",
                "minimum": 0
              },
              "client_errors": {
                "type": "integer",
                "minimum": 0,
                "description": "4xx answers."
              },
              "server_errors": {
                "type": "integer",
                "minimum": 0,
                "description": "5xx answers."
              },
              "error_rate": {
                "type": "number",
                "minimum": 0,
                "maximum": 1,
                "description": "(client_errors + server_errors) / requests."
              },
              "p50_ms": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "p95_ms": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "p99_ms": {
                "type": [
                  "number",
                  "null"
                ],
                "description": "Latency percentiles in milliseconds, from log-scale buckets (within about ±19 %)."
              }
            }
          },
          "UsageReport": {
            "type": "object",
            "required": [
              "from",
              "to",
              "granularity",
              "rows",
              "totals"
            ],
            "description": "Requests made with the organization's credentials (API keys) or as one of its apps (token, userinfo, introspection, revocation), per period and route group. Counted in memory and written every 10 seconds.",
            "properties": {
              "from": {
                "type": "string",
                "format": "date-time"
              },
              "to": {
                "type": "string",
                "format": "date-time"
              },
              "granularity": {
                "type": "string",
                "enum": [
                  "hour",
                  "day",
                  "month"
                ]
              },
              "app_id": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "rows": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/UsageRow"
                }
              },
              "totals": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/UsageRow"
                },
                "description": "The whole range, per route group."
              }
            }
          },
          "APILogEntry": {
            "type": "object",
            "required": [
              "id",
              "occurred_at",
              "app_id",
              "key_id",
              "method",
              "route",
              "status",
              "latency_ms",
              "request_id"
            ],
            "description": "One metered request. Never the caller's address, User-Agent, query string or body.",
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "occurred_at": {
                "type": "string",
                "format": "date-time"
              },
              "app_id": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid",
                "description": "The app, for OAuth endpoint requests."
              },
              "key_id": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid",
                "description": "The API key, for management API requests."
              },
              "method": {
                "type": "string"
              },
              "route": {
                "type": "string",
                "description": "The route template, e.g. `/api/v1/orgs/{org}/apps`."
              },
              "status": {
                "type": "integer"
              },
              "latency_ms": {
                "type": "number"
              },
              "request_id": {
                "type": "string",
                "description": "The request id also written to the server's own log line."
              }
            }
          },
          "APILogPage": {
            "type": "object",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/APILogEntry"
                }
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "MAUMonth": {
            "type": "object",
            "required": [
              "month",
              "mau",
              "closed"
            ],
            "properties": {
              "month": {
                "type": "string",
                "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
                "description": "The UTC month."
              },
              "mau": {
                "type": "integer",
                "minimum": 0,
                "description": "Distinct users who signed in to the app that month (distinct analytics ids)."
              },
              "closed": {
                "type": "boolean",
                "description": "The month ended more than 3 days ago: its ids were deleted and the count is final."
              }
            }
          },
          "MAUReport": {
            "type": "object",
            "required": [
              "app_id",
              "month",
              "mau",
              "closed",
              "series"
            ],
            "description": "Monthly active users of an app, counted without knowing who they are (P5).",
            "properties": {
              "app_id": {
                "type": "string",
                "format": "uuid"
              },
              "month": {
                "type": "string",
                "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"
              },
              "mau": {
                "type": "integer",
                "minimum": 0,
                "description": "Active users in `month`."
              },
              "closed": {
                "type": "boolean"
              },
              "series": {
                "type": "array",
                "minItems": 12,
                "maxItems": 12,
                "items": {
                  "$ref": "#/components/schemas/MAUMonth"
                },
                "description": "The 12 months ending with `month`, oldest first (months without sign-ins are 0)."
              }
            }
          },
          "PlanDocument": {
            "type": "object",
            "required": [
              "plan",
              "month",
              "limits",
              "usage",
              "mau_overage",
              "mau_overage_allowed"
            ],
            "properties": {
              "plan": {
                "$ref": "#/components/schemas/Plan"
              },
              "month": {
                "type": "string",
                "description": "The current UTC month (`YYYY-MM`) the MAU figures are for."
              },
              "limits": {
                "type": "object",
                "required": [
                  "mau",
                  "apps",
                  "seats",
                  "api_requests_per_second"
                ],
                "description": "`null` means unlimited (enterprise).",
                "properties": {
                  "mau": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "minimum": 0,
                    "description": "Monthly active users included (all the organization's apps together): free 10,000, spark 30,000, pro 150,000."
                  },
                  "apps": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "minimum": 0,
                    "description": "Apps: free 1, spark 10, pro 100."
                  },
                  "seats": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "minimum": 0,
                    "description": "Members plus pending invites: free 1, spark 1, pro 5."
                  },
                  "api_requests_per_second": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "minimum": 0,
                    "description": "Management API requests per second with API keys: free 10, spark 25, pro 100."
                  }
                }
              },
              "usage": {
                "type": "object",
                "required": [
                  "mau",
                  "apps",
                  "seats"
                ],
                "properties": {
                  "mau": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Active users this month, all apps together (a user of two apps counts in each: their ids cannot be linked)."
                  },
                  "apps": {
                    "type": "integer",
                    "minimum": 0
                  },
                  "seats": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Members plus pending invites."
                  }
                }
              },
              "mau_overage": {
                "type": "integer",
                "minimum": 0,
                "description": "Active users above the included amount this month (paid plans; billed once billing is connected)."
              },
              "mau_overage_allowed": {
                "type": "boolean",
                "description": "`false` on the free plan: new users beyond the limit are refused (the user sees a page, the app gets `access_denied`)."
              }
            }
          },
          "ChangePlanRequest": {
            "type": "object",
            "required": [
              "plan"
            ],
            "additionalProperties": true,
            "properties": {
              "plan": {
                "$ref": "#/components/schemas/Plan"
              }
            }
          },
          "VaultKind": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9._-]{0,31}$",
            "description": "What the entry is (the hosted pages use `signin` and `consent`).",
            "examples": [
              "signin"
            ]
          },
          "VaultCiphertext": {
            "type": "string",
            "pattern": "^[A-Za-z0-9_-]+$",
            "description": "base64url (no padding) of `format || nonce (12 bytes) || AES-256-GCM ciphertext || tag (16 bytes)`, 29 to 4,096 bytes. Format byte 0x02 (every current client): under `vault_key = HKDF-SHA512(root_key, info \"flowsta vault v2\", 32 bytes)` from the user's root key, with additional data `\"flowsta vault v2:\" kind \":\" id` (lowercase UUID). Format byte 0x01 (entries of accounts older than the root key): under `vault_key = HKDF-SHA512(export_key, info \"flowsta vault v1\", 32 bytes)` with additional data `\"flowsta vault v1:\" kind \":\" id`; that key is kept in the account's `legacy-vault` envelope, and a client that reads such an entry writes it back in format 0x02."
          },
          "VaultEntry": {
            "type": "object",
            "required": [
              "id",
              "kind",
              "ciphertext",
              "size"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "kind": {
                "$ref": "#/components/schemas/VaultKind"
              },
              "ciphertext": {
                "$ref": "#/components/schemas/VaultCiphertext"
              },
              "size": {
                "type": "integer",
                "description": "Bytes of ciphertext."
              }
            }
          },
          "VaultEntryStored": {
            "type": "object",
            "required": [
              "id",
              "kind",
              "size"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "kind": {
                "$ref": "#/components/schemas/VaultKind"
              },
              "size": {
                "type": "integer"
              }
            }
          },
          "VaultEntryPage": {
            "type": "object",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/VaultEntry"
                }
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "PutVaultEntryRequest": {
            "type": "object",
            "required": [
              "kind",
              "ciphertext"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid",
                "description": "With `PUT /vault/entries` only (a new random id when absent); with the path form it must equal the path's id if given."
              },
              "kind": {
                "$ref": "#/components/schemas/VaultKind"
              },
              "ciphertext": {
                "$ref": "#/components/schemas/VaultCiphertext"
              }
            }
          },
          "UserExport": {
            "type": "object",
            "required": [
              "exported_at",
              "user",
              "organizations",
              "connected_apps",
              "envelopes",
              "sessions",
              "vault",
              "notes"
            ],
            "description": "Everything the server holds about the signed-in user. Streamed: the vault's entries are written a page at a time.",
            "properties": {
              "exported_at": {
                "type": "string",
                "format": "date-time"
              },
              "user": {
                "$ref": "#/components/schemas/User"
              },
              "organizations": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "id": {
                      "type": "string",
                      "format": "uuid"
                    },
                    "name": {
                      "type": "string"
                    },
                    "role": {
                      "$ref": "#/components/schemas/Role"
                    }
                  }
                }
              },
              "connected_apps": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "app_id": {
                      "type": "string",
                      "format": "uuid"
                    },
                    "client_id": {
                      "type": "string"
                    },
                    "name": {
                      "type": "string"
                    },
                    "scopes": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "since": {
                      "type": "string",
                      "format": "date-time"
                    }
                  }
                }
              },
              "envelopes": {
                "type": "array",
                "description": "The root key's envelopes as the server holds them (sealed; it cannot open them): password, recovery and legacy-vault.",
                "items": {
                  "$ref": "#/components/schemas/Envelope"
                }
              },
              "sessions": {
                "type": "array",
                "description": "The user's sessions (the day each began; no device, no address).",
                "items": {
                  "$ref": "#/components/schemas/SessionSummary"
                }
              },
              "vault": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/VaultEntry"
                },
                "description": "Still sealed: only the user's devices can open them."
              },
              "notes": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "Notice": {
            "type": "object",
            "required": [
              "id",
              "kind",
              "title",
              "body",
              "published_at",
              "effective_at"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "kind": {
                "type": "string",
                "enum": [
                  "policy",
                  "terms",
                  "service",
                  "api",
                  "billing",
                  "security"
                ],
                "description": "Policy and terms changes are published at least 60 days before `effective_at`."
              },
              "title": {
                "type": "string"
              },
              "body": {
                "type": "string"
              },
              "published_at": {
                "type": "string",
                "format": "date-time"
              },
              "effective_at": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "NoticePage": {
            "type": "object",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Notice"
                }
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "OrganizationExport": {
            "type": "object",
            "required": [
              "exported_at",
              "organization",
              "members",
              "invites",
              "apps",
              "api_keys",
              "audit_log",
              "usage",
              "mau",
              "notices"
            ],
            "properties": {
              "exported_at": {
                "type": "string",
                "format": "date-time"
              },
              "organization": {
                "$ref": "#/components/schemas/Organization"
              },
              "members": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Member"
                }
              },
              "invites": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Invite"
                }
              },
              "apps": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/App"
                }
              },
              "api_keys": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/APIKey"
                }
              },
              "audit_log": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/AuditEvent"
                }
              },
              "usage": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/UsageReport"
                },
                "description": "Consecutive daily reports, oldest first."
              },
              "mau": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "app_id",
                    "month",
                    "mau",
                    "closed"
                  ],
                  "properties": {
                    "app_id": {
                      "type": "string",
                      "format": "uuid"
                    },
                    "month": {
                      "type": "string",
                      "pattern": "^[0-9]{4}-[0-9]{2}$"
                    },
                    "mau": {
                      "type": "integer",
                      "minimum": 1
                    },
                    "closed": {
                      "type": "boolean"
                    }
                  }
                },
                "description": "Months with active users, per app."
              },
              "notices": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Notice"
                }
              },
              "invoices": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Invoice"
                },
                "description": "Invoices, newest first, with the billing name and address in force when issued (kept 7 years)."
              }
            }
          },
          "DashboardForm": {
            "type": "object",
            "required": [
              "csrf_token"
            ],
            "properties": {
              "csrf_token": {
                "type": "string",
                "description": "The CSRF token of the dashboard page the form came from."
              }
            },
            "additionalProperties": {
              "type": "string"
            },
            "description": "A dashboard form: its fields (checkboxes repeat their name) and the CSRF token."
          },
          "BillingStatus": {
            "type": "object",
            "required": [
              "configured",
              "plan",
              "purchasable_plans",
              "has_customer",
              "subscription"
            ],
            "properties": {
              "configured": {
                "type": "boolean",
                "description": "Whether billing through Stripe is on for this server."
              },
              "plan": {
                "type": "string",
                "enum": [
                  "free",
                  "spark",
                  "pro",
                  "enterprise"
                ],
                "description": "The plan whose limits apply now."
              },
              "purchasable_plans": {
                "type": "array",
                "items": {
                  "type": "string",
                  "enum": [
                    "spark",
                    "pro"
                  ]
                },
                "description": "Plans with a Stripe price on this server."
              },
              "has_customer": {
                "type": "boolean",
                "description": "Whether the organization has a Stripe customer (created on the first billing action)."
              },
              "subscription": {
                "oneOf": [
                  {
                    "type": "null"
                  },
                  {
                    "type": "object",
                    "properties": {
                      "status": {
                        "type": "string",
                        "description": "Stripe's subscription status (`active`, `past_due`, `canceled`, ...)."
                      },
                      "plan": {
                        "type": [
                          "string",
                          "null"
                        ],
                        "description": "The plan the subscription's price pays for (after a scheduled downgrade: the coming plan)."
                      },
                      "current_period_end": {
                        "type": [
                          "string",
                          "null"
                        ],
                        "format": "date-time"
                      },
                      "cancel_at_period_end": {
                        "type": "boolean"
                      },
                      "scheduled_plan": {
                        "type": [
                          "string",
                          "null"
                        ],
                        "description": "A downgrade (or `free` when cancelled) that takes effect at `scheduled_at`, the end of the paid period."
                      },
                      "scheduled_at": {
                        "type": [
                          "string",
                          "null"
                        ],
                        "format": "date-time"
                      },
                      "grace_until": {
                        "type": [
                          "string",
                          "null"
                        ],
                        "format": "date-time",
                        "description": "Set by a failed payment: the plan stays until then (3 days), then the organization has the free plan's limits until an invoice is paid."
                      },
                      "suspended": {
                        "type": "boolean",
                        "description": "The grace period ran out unpaid: free limits until paid."
                      }
                    }
                  }
                ]
              }
            }
          },
          "Invoice": {
            "type": "object",
            "properties": {
              "id": {
                "type": "string",
                "description": "Stripe's invoice id."
              },
              "number": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "status": {
                "type": "string",
                "description": "`draft`, `open`, `paid`, `uncollectible` or `void`."
              },
              "currency": {
                "type": "string"
              },
              "total": {
                "type": "integer",
                "description": "In the currency's smallest unit."
              },
              "amount_due": {
                "type": "integer"
              },
              "amount_paid": {
                "type": "integer"
              },
              "period_start": {
                "type": "string",
                "format": "date-time"
              },
              "period_end": {
                "type": "string",
                "format": "date-time"
              },
              "issued_at": {
                "type": "string",
                "format": "date-time"
              },
              "hosted_invoice_url": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "invoice_pdf": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "billing_name": {
                "type": "string",
                "description": "The organization's name when the invoice was issued."
              },
              "billing_address": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "The billing address in force when the invoice was issued."
              }
            }
          },
          "InvoiceList": {
            "type": "object",
            "required": [
              "items",
              "next_cursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Invoice"
                }
              },
              "next_cursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "The `cursor` of the next (older) page, or null on the last page."
              }
            }
          },
          "RedirectURL": {
            "type": "object",
            "required": [
              "url"
            ],
            "properties": {
              "url": {
                "type": "string",
                "format": "uri",
                "description": "A Stripe-hosted page to send the owner's browser to."
              }
            }
          }
        },
        "parameters": {
          "OrganizationID": {
            "name": "org",
            "in": "path",
            "required": true,
            "description": "The organization id, a UUID. Anything that is not a UUID answers `404 not_found`.",
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          },
          "UserID": {
            "name": "user",
            "in": "path",
            "required": true,
            "description": "The user's account id, a UUID. Anything that is not a UUID answers `404 not_found`.",
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          },
          "KeyID": {
            "name": "key",
            "in": "path",
            "required": true,
            "description": "The API key id, a UUID. Anything that is not a UUID answers `404 not_found`.",
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          },
          "Limit": {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "The page size.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 100,
              "default": 50
            }
          },
          "Cursor": {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "The `next_cursor` of the previous page (opaque). Anything else, or a cursor naming a time outside 1970-9999, answers `400 invalid_request`.",
            "schema": {
              "type": "string"
            }
          },
          "AppID": {
            "name": "app",
            "in": "path",
            "required": true,
            "description": "The app id, a UUID. Anything that is not a UUID answers `404 not_found`.",
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          },
          "InviteID": {
            "name": "invite",
            "in": "path",
            "required": true,
            "description": "The invite id, a UUID. Anything that is not a UUID answers `404 not_found`.",
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          },
          "AuthorizeResponseType": {
            "name": "response_type",
            "in": "query",
            "required": true,
            "description": "Only `code` (otherwise `unsupported_response_type`).",
            "schema": {
              "type": "string",
              "const": "code"
            }
          },
          "AuthorizeClientId": {
            "name": "client_id",
            "in": "query",
            "required": true,
            "description": "The app's client id.",
            "schema": {
              "type": "string"
            }
          },
          "AuthorizeRedirectUri": {
            "name": "redirect_uri",
            "in": "query",
            "required": false,
            "description": "Must exactly match a registered redirect URI; may be omitted when the app has exactly one.",
            "schema": {
              "type": "string",
              "format": "uri"
            }
          },
          "AuthorizeScope": {
            "name": "scope",
            "in": "query",
            "required": false,
            "description": "Space-delimited scopes the app is allowed (default `openid`).",
            "schema": {
              "type": "string",
              "examples": [
                "openid profile offline_access"
              ]
            }
          },
          "AuthorizeState": {
            "name": "state",
            "in": "query",
            "required": false,
            "description": "Opaque value returned unchanged in the redirect.",
            "schema": {
              "type": "string",
              "maxLength": 2048
            }
          },
          "AuthorizeNonce": {
            "name": "nonce",
            "in": "query",
            "required": false,
            "description": "Copied into the ID token.",
            "schema": {
              "type": "string",
              "maxLength": 512
            }
          },
          "AuthorizeCodeChallenge": {
            "name": "code_challenge",
            "in": "query",
            "required": true,
            "description": "PKCE (RFC 7636): base64url (no padding) SHA-256 of the `code_verifier`; required.",
            "schema": {
              "type": "string",
              "pattern": "^[A-Za-z0-9_-]{43}$"
            }
          },
          "AuthorizeCodeChallengeMethod": {
            "name": "code_challenge_method",
            "in": "query",
            "required": true,
            "description": "Required; `plain` is refused.",
            "schema": {
              "type": "string",
              "const": "S256"
            }
          },
          "AuthorizePrompt": {
            "name": "prompt",
            "in": "query",
            "required": false,
            "description": "Space-delimited OIDC prompt values: `none` (never show a page; `login_required` or `consent_required` instead; not combinable), `login` (sign in again), `consent` (ask again).",
            "schema": {
              "type": "string"
            }
          },
          "AuthorizeMaxAge": {
            "name": "max_age",
            "in": "query",
            "required": false,
            "description": "Maximum age in seconds of the sign-in; an older session must sign in again. A sign-in within the last 30 seconds satisfies any `max_age`, `0` included (it is the sign-in the page just made).",
            "schema": {
              "type": "integer",
              "minimum": 0
            }
          },
          "AuthorizeResponseMode": {
            "name": "response_mode",
            "in": "query",
            "required": false,
            "description": "Only `query`.",
            "schema": {
              "type": "string",
              "const": "query"
            }
          },
          "ContinuePath": {
            "name": "continue",
            "in": "query",
            "required": false,
            "description": "Where to go after signing in or up: a local path (starting with `/`, not `//`). Anything else, or none, means `/account`.",
            "schema": {
              "type": "string",
              "examples": [
                "/oauth/authorize?response_type=code&client_id=flowsta_app_4fQ1bW7xZk2LpR9sT3vNa8"
              ]
            }
          },
          "ConnectedAppID": {
            "name": "appID",
            "in": "path",
            "required": true,
            "description": "The app id, a UUID. Anything that is not a UUID answers the `404` error page.",
            "schema": {
              "type": "string",
              "format": "uuid"
            }
          }
        }
      }
    }
    """#
}
