import FlowstaCore
import FlowstaHTTP
import FlowstaPlatform
import Foundation

extension PlatformController {
    /// Create and `PATCH` body of an app: absent keeps a field, `null` clears an optional one.
    struct AppRequest: Decodable {
        var settings: AppSettings

        enum CodingKeys: String, CodingKey {
            case name, description, type, active
            case redirectURIs = "redirect_uris"
            case allowedScopes = "allowed_scopes"
            case logoURL = "logo_url"
            case privacyURL = "privacy_url"
            case termsURL = "terms_url"
            case idTokenAlgorithm = "id_token_signed_response_alg"
            case requireSecondFactor = "require_second_factor"
            case requirePKCE = "require_pkce"
            case postLogoutRedirectURIs = "post_logout_redirect_uris"
            case backchannelLogoutURI = "backchannel_logout_uri"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let type = try container.decodeIfPresent(String.self, forKey: .type)
            guard type.map({ AppType(rawValue: $0) != nil }) ?? true else {
                throw PlatformError.invalidRequest("type must be one of web, native, desktop")
            }
            settings = AppSettings(
                name: try container.decodeIfPresent(String.self, forKey: .name),
                description: try container.decodePatch(.description),
                type: type.flatMap(AppType.init(rawValue:)),
                redirectURIs: try container.decodeIfPresent([String].self, forKey: .redirectURIs),
                allowedScopes: try container.decodeIfPresent([String].self, forKey: .allowedScopes),
                logoURL: try container.decodePatch(.logoURL),
                privacyURL: try container.decodePatch(.privacyURL),
                termsURL: try container.decodePatch(.termsURL),
                active: try container.decodeIfPresent(Bool.self, forKey: .active),
                idTokenSigningAlgorithm: try container.decodePatch(.idTokenAlgorithm),
                requiresSecondFactor: try container.decodeIfPresent(Bool.self, forKey: .requireSecondFactor),
                requiresPKCE: try container.decodeIfPresent(Bool.self, forKey: .requirePKCE),
                postLogoutRedirectURIs: try container.decodeIfPresent([String].self, forKey: .postLogoutRedirectURIs),
                backchannelLogoutURI: try container.decodePatch(.backchannelLogoutURI)
            )
        }
    }

    struct AppDTO: Encodable {
        var app: StoredApp
        enum CodingKeys: String, CodingKey {
            case id, name, description, type, active
            case clientID = "client_id"
            case redirectURIs = "redirect_uris"
            case allowedScopes = "allowed_scopes"
            case logoURL = "logo_url"
            case privacyURL = "privacy_url"
            case termsURL = "terms_url"
            case confidential
            case idTokenAlgorithm = "id_token_signed_response_alg"
            case requireSecondFactor = "require_second_factor"
            case requirePKCE = "require_pkce"
            case postLogoutRedirectURIs = "post_logout_redirect_uris"
            case backchannelLogoutURI = "backchannel_logout_uri"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(app.id.uuidString.lowercased(), forKey: .id)
            try container.encode(app.clientID, forKey: .clientID)
            try container.encode(app.name, forKey: .name)
            try container.encode(app.description, forKey: .description)
            try container.encode(app.type.rawValue, forKey: .type)
            try container.encode(app.redirectURIs, forKey: .redirectURIs)
            try container.encode(app.allowedScopes, forKey: .allowedScopes)
            try container.encode(app.logoURL, forKey: .logoURL)
            try container.encode(app.privacyURL, forKey: .privacyURL)
            try container.encode(app.termsURL, forKey: .termsURL)
            try container.encode(app.active, forKey: .active)
            try container.encode(app.secretHash != nil, forKey: .confidential)
            try container.encode(app.idTokenSigningAlgorithm ?? "RS256", forKey: .idTokenAlgorithm)
            try container.encode(app.requiresSecondFactor, forKey: .requireSecondFactor)
            try container.encode(app.requiresPKCE, forKey: .requirePKCE)
            try container.encode(app.postLogoutRedirectURIs, forKey: .postLogoutRedirectURIs)
            try container.encode(app.backchannelLogoutURI, forKey: .backchannelLogoutURI)
            try container.encode(app.createdAt, forKey: .createdAt)
            try container.encode(app.updatedAt, forKey: .updatedAt)
        }
    }

    /// The one response that contains a client secret.
    struct IssuedSecretDTO: Encodable {
        var app: AppDTO
        var clientSecret: String
        enum CodingKeys: String, CodingKey {
            case app
            case clientSecret = "client_secret"
        }
    }
}
