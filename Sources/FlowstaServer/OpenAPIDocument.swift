/// The OpenAPI 3.1 document served at `/openapi.json`.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Flowsta Auth API",
        "version": "0.1.0",
        "description": "Accounts, sign-in and sessions for Flowsta. Passwords never reach the server: registration and login use OPAQUE (RFC 9807, OPAQUE-3DH with ristretto255-SHA512; the client hardens the password with Argon2id, m=19456 KiB, t=2, p=1). The server stores only the OPAQUE registration record, and the client's export_key never leaves the client.\n\nAll request and response bodies are JSON. Byte fields carry the exact RFC 9807 serializations, base64url-encoded without padding. Every error has the body `{\"error\": string, \"error_description\": string}` and `Cache-Control: no-store`. Request bodies over 64 KiB are refused with `413 payload_too_large`; unknown paths answer `404 not_found`. A successful login sets the `flowsta_session` cookie (HttpOnly, SameSite=Lax, Path=/, Secure under HTTPS, valid 7 days), which authenticates the `/auth/me` and `/auth/logout` operations."
      },
      "tags": [
        {
          "name": "accounts",
          "description": "OPAQUE registration and login, the session and the profile."
        },
        {
          "name": "operations",
          "description": "Liveness, readiness and this document."
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
        }
      },
      "components": {
        "securitySchemes": {
          "sessionCookie": {
            "type": "apiKey",
            "in": "cookie",
            "name": "flowsta_session",
            "description": "The session cookie set by `POST /auth/opaque/login/finish` (HttpOnly, SameSite=Lax, Path=/, Secure under HTTPS, 7 days)."
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
          }
        }
      }
    }
    """#
}
