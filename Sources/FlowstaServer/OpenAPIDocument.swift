/// The OpenAPI 3.1 document served at `/openapi.json`.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Flowsta Auth API",
        "version": "0.1.0",
        "description": "Accounts, sign-in and sessions for Flowsta. Passwords never reach the server: registration and login use OPAQUE (RFC 9807, OPAQUE-3DH with ristretto255-SHA512; the client hardens the password with Argon2id, m=19456 KiB, t=2, p=1). The server stores only the OPAQUE registration record, and the client's export_key never leaves the client.\n\nAll request and response bodies are JSON. Byte fields carry the exact RFC 9807 serializations, base64url-encoded without padding. Every error has the body `{\"error\": string, \"error_description\": string}` and `Cache-Control: no-store`. Request bodies over 64 KiB are refused with `413 payload_too_large`; unknown paths answer `404 not_found`. A successful login sets the `flowsta_session` cookie (HttpOnly, SameSite=Lax, Path=/, Secure under HTTPS, valid 7 days), which authenticates the `/auth/me` and `/auth/logout` operations and the management API.\n\nThe management API under `/api/v1` (tag `management`) manages organizations, their members and invites, API keys, apps (OAuth clients) and audit log. It is authenticated by an organization API key (`Authorization: Bearer fsk_live_...`; when an `Authorization` header is present it alone counts) or by the `flowsta_session` cookie; without a valid credential it answers `401 unauthorized` with `WWW-Authenticate: Bearer`. Permissions: owner: everything; admin: team (non-owner roles), apps, keys; member: read; API keys: read + apps (no keys, team or organization changes). A role that is too low answers `403 forbidden`. Objects of other organizations and malformed ids answer `404 not_found` exactly like missing ones, so their existence is never revealed. Its error codes are `invalid_request` (400), `unauthorized` (401), `forbidden` and `plan_limit_reached` (403), `not_found` (404), `conflict` and `last_owner` (409), `invite_expired` (410), `payload_too_large` (413) and `server_error` (500). List operations take `limit` (1-100, default 50) and an opaque `cursor`, return `{\"items\": [...], \"next_cursor\": string|null}` and list oldest first. Ids are lowercase UUIDs and times RFC 3339 date-times in UTC."
      },
      "tags": [
        {
          "name": "accounts",
          "description": "OPAQUE registration and login, the session and the profile."
        },
        {
          "name": "operations",
          "description": "Liveness, readiness and this document."
        },
        {
          "name": "management",
          "description": "Organizations, members, invites, API keys, apps (OAuth clients) and the audit log (`/api/v1`), for API keys and signed-in users."
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
        "/auth/opaque/register/start": {
          "post": {
            "operationId": "registerStart",
            "summary": "Start an OPAQUE registration",
            "description": "Runs the server's `CreateRegistrationResponse` (RFC 9807 \u00a75.2) for the credential identifier = the lowercase username. For a new account the username must be free. With a session cookie of the user who holds `username`, this starts a password change instead.",
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
            "description": "Stores the client's RegistrationRecord and creates the account (`201`). With a session cookie of the user who holds `username`, this is a password change (`200`): the record is replaced atomically, every other session of the user ends, and `display_name`, `email` and `agent_pub_key` are ignored.",
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
              "409": {
                "description": "The username or email address belongs to another account.",
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
                                "email_taken"
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
              }
            }
          }
        },
        "/auth/opaque/login/start": {
          "post": {
            "operationId": "loginStart",
            "summary": "Start an OPAQUE login",
            "description": "Runs the server's `GenerateKE2` (RFC 9807 \u00a76.4). Unknown usernames are answered with a fake KE2 of identical shape built from a fake record (RFC 9807 \u00a710.9), so the response does not reveal whether an account exists. Attempts are rate limited per username and per client address.",
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
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "429": {
                "description": "Too many login attempts for this username or from this client address (`rate_limited`).",
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
            "description": "Verifies the client's KE3 (RFC 9807 \u00a76.4) and opens a session. The `login_id` is consumed whatever the outcome.",
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
                "description": "Signed in; the session cookie is set.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/UserEnvelope"
                    }
                  }
                },
                "headers": {
                  "Set-Cookie": {
                    "description": "`flowsta_session=<token>` with Max-Age (the session lasts 7 days), Path=/, HttpOnly, SameSite=Lax, and Secure when served over HTTPS.",
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
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
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
            "description": "Absent fields are kept; `null` clears `display_name` or `email`. A username change keeps the password working.",
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
              "409": {
                "description": "The username or email address belongs to another account.",
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
                                "email_taken"
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
              }
            }
          },
          "delete": {
            "operationId": "deleteMe",
            "summary": "Delete the signed-in user's account",
            "description": "Deletes the account and all its server-side data (sessions, pending logins), and clears the cookie.",
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
                "description": "API keys cannot create organizations (`forbidden`).",
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
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
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
            "description": "Needs the read permission (any member, or an API key of this organization).",
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
                "description": "The caller is a member or an API key, or an admin granting or taking away the owner role (`forbidden`).",
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
              "500": {
                "$ref": "#/components/responses/ServerError"
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
                "description": "The caller is a member or an API key, or an admin removing an owner (`forbidden`).",
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
                "description": "API keys cannot leave an organization (`forbidden`).",
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
                "description": "Malformed body, an invalid `name`, or an `expires_at` not in the future (`invalid_request`).",
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
                "description": "The caller is a member or an API key (`forbidden`).",
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
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "500": {
                "$ref": "#/components/responses/ServerError"
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
                "description": "The caller is a member or an API key (`forbidden`).",
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
                "description": "The caller is a member or an API key (`forbidden`).",
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
              "500": {
                "$ref": "#/components/responses/ServerError"
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
              }
            }
          }
        },
        "/api/v1/orgs/{org}/apps": {
          "post": {
            "operationId": "createApp",
            "summary": "Create an app",
            "description": "Registers an app (OAuth client) for the organization (admins, owners and API keys). `name`, `type` and `redirect_uris` are required; `allowed_scopes` defaults to `[\"openid\", \"profile\"]` and `active` to true. The app gets a `client_id` (`flowsta_app_...`) and no client secret: it is a public client until `POST .../apps/{app}/secret` issues one. The number of apps is limited by the plan (free 1, spark 10, pro 100, enterprise unlimited). Recorded as `app.created`.",
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
                "description": "The caller is a member (app management needs admin or owner, or an API key of this organization) (`forbidden`), or the organization already has as many apps as its plan allows (`plan_limit_reached`, e.g. 1 on the free plan).",
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
                                "plan_limit_reached"
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
              "500": {
                "$ref": "#/components/responses/ServerError"
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
              }
            }
          },
          "patch": {
            "operationId": "updateApp",
            "summary": "Update an app",
            "description": "Changes an app's settings (admins, owners and API keys). Absent fields are kept; `null` clears `description`, `logo_url`, `privacy_url` or `terms_url`. `redirect_uris` and `allowed_scopes` replace the whole list; a new `type` re-checks the redirect URIs (the given or the current ones) against it. `active: false` disables the app (it stops signing users in), `active: true` enables it again. `client_id` and the client secret cannot be changed here. Recorded as `app.disabled`, `app.enabled` or `app.updated`.",
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
                "description": "The caller is a member (app management needs admin or owner, or an API key of this organization) (`forbidden`).",
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
              "500": {
                "$ref": "#/components/responses/ServerError"
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
                "description": "The caller is a member (app management needs admin or owner, or an API key of this organization) (`forbidden`).",
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
                "description": "The caller is a member (app management needs admin or owner, or an API key of this organization) (`forbidden`).",
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
              }
            }
          }
        },
        "/api/v1/orgs/{org}/invites": {
          "post": {
            "operationId": "createInvite",
            "summary": "Invite someone by email",
            "description": "Invites an email address to the organization with a role (admins and owners; not API keys; only owners invite owners). An email with a single-use accept link (`/invites/accept?token=...`, valid 7 days) is queued for the address; the token never appears in any response. Members plus pending invites may not exceed the plan's team seats (free 1, spark 1, pro 5, enterprise unlimited). An address can have one pending invite per organization: use `POST .../invites/{invite}/resend` to send it again. Recorded as `invite.created`.",
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
                "description": "The caller is a member or an API key (invites need admin or owner), or an admin inviting an owner (`forbidden`); or members and pending invites already fill the plan's team seats (`plan_limit_reached`).",
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
                                "plan_limit_reached"
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
              "500": {
                "$ref": "#/components/responses/ServerError"
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
              }
            }
          }
        },
        "/api/v1/orgs/{org}/invites/{invite}/resend": {
          "post": {
            "operationId": "resendInvite",
            "summary": "Resend an invite",
            "description": "Emails the invite again with a new single-use link (admins and owners; not API keys); takes no request body. The previous link stops working and the invite is valid for 7 more days from now. Recorded as `invite.resent`.",
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
                "description": "API keys cannot accept invites (`forbidden`).",
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
              "500": {
                "$ref": "#/components/responses/ServerError"
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
            "description": "The session cookie set by `POST /auth/opaque/login/finish` (HttpOnly, SameSite=Lax, Path=/, Secure under HTTPS, 7 days)."
          },
          "apiKey": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "fsk_live_...",
            "description": "An organization API key, `Authorization: Bearer fsk_live_<43 base62 characters>`, created with `POST /api/v1/orgs/{org}/keys`. It acts for its organization with read access and app management."
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
            "description": "`flowsta_session=` with Max-Age=0, Path=/, HttpOnly, SameSite=Lax (and Secure under HTTPS): clears the session cookie.",
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
            "description": "`limit` is not an integer from 1 to 100, or `cursor` is not one returned by this API (`invalid_request`).",
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
            "description": "An email address of at most 254 characters; stored encrypted, unique across accounts.",
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
              "created_at"
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
                "description": "An optional expiry in the future (RFC 3339, e.g. `2030-01-01T00:00:00Z`); absent or null: never."
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
            "description": "The `next_cursor` of the previous page (opaque).",
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
          }
        }
      }
    }
    """#
}
