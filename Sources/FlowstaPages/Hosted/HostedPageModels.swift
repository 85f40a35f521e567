import FlowstaCore
import FlowstaOAuth

/// The hosted pages' models (templates `signin`, `signup`, `account`, `consent`, …).
enum HostedPage {
    /// `/`: what this server is.
    struct Home: PageModel {
        var template: String { "home" }
        var title = "Privacy-first sign-in"
    }

    /// Sign in, sign up and forgot-password: where to go afterwards.
    struct Entry: PageModel {
        enum Kind: String, Sendable {
            case signIn = "signin", signUp = "signup", forgot
        }

        var template: String { kind.rawValue }
        var kind: Kind
        var title: String
        var `continue`: String
        var continueEncoded: String
        /// The app the user is signing in to, when known.
        var appName: String?
        /// The username to prefill (`login_hint`).
        var username: String?

        init(_ kind: Kind, title: String, continue target: String, appName: String? = nil) {
            self.kind = kind
            self.title = title
            self.continue = target
            self.continueEncoded = FormEncoding.encode(target)
            self.appName = appName
        }
    }

    /// Reset, email verification and Sign It's approval: the page's script does the work.
    struct Simple: PageModel {
        enum Kind: String, Sendable {
            case reset, verifyEmail = "verify-email", signIt = "sign-it"
        }

        var template: String { kind.rawValue }
        var kind: Kind
        var title: String
    }

    /// RP-initiated logout: the confirmation, or the signed-out page.
    struct Logout: PageModel {
        struct Parameter: Sendable {
            var name: String
            var value: String
        }

        var template: String { "logout" }
        var title: String
        var confirm: Bool
        var appName: String?
        var username: String?
        var csrf: String?
        var parameters: [Parameter] = []
        var message: String?
    }

    /// `/account`: connected apps, the recovery code and the email address.
    struct Account: PageModel {
        struct App: Sendable {
            var name: String
            var appID: String
            var since: String
            var scopes: String
        }

        struct Email: Sendable {
            var address: String
            var verified: Bool
        }

        var template: String { "account" }
        var title = "Your account"
        var username: String
        var csrf: String
        var apps: [App]
        var hasRecoveryCode: Bool
        var email: Email?
        /// Signing in takes a second factor (an authenticator app).
        var twoStep: Bool
        var backupCodesLeft: Int
    }

    /// What the authorize forms carry: the request's parameters, the CSRF token, and what the
    /// page script needs to derive the analytics id (client id, month, where to sign in again
    /// when the browser holds no analytics key).
    struct AuthorizeForm: Sendable {
        struct Parameter: Sendable {
            var name: String
            var value: String
        }

        var appName: String
        var username: String
        var csrf: String
        var parameters: [Parameter]
        var clientID: String
        var month: String
        var reauth: String
        var scopeList: String
        /// Where the form posts: the authorization endpoint, or the device page's decision.
        var action = "/oauth/consent"
    }

    /// Consent is on record: a short page whose script sends the analytics id with the approval.
    struct PassThrough: PageModel, LayeredModel {
        var template: String { "continue" }
        var title: String
        var base: AuthorizeForm
    }

    /// The consent page.
    struct Consent: PageModel, LayeredModel {
        struct Scope: Sendable {
            var words: String
        }

        struct Links: Sendable {
            var privacy: String?
            var terms: String?
        }

        var template: String { "consent" }
        var title = "Allow access"
        var base: AuthorizeForm
        var scopes: [Scope]
        /// The email scope, asked for separately (it is opt-in).
        var email: Scope?
        var links: Links?
    }

    /// `/device`: the signed-in user types the code a device shows (RFC 8628).
    struct Device: PageModel {
        var template: String { "device" }
        var title = "Connect a device"
        var csrf: String
        var userCode: String
        var error: String?
    }

    /// `/device` after the answer: back to the device.
    struct DeviceDone: PageModel {
        var template: String { "device-done" }
        var title: String
        var message: String
    }

    /// The app's organization reached its plan's monthly active users.
    struct Limit: PageModel {
        var template: String { "limit" }
        var title = "Sign-in limit reached"
        var appName: String
        var back: String
        var limit: String
    }

    /// The error page.
    struct Failure: PageModel {
        var template: String { "error" }
        var title = "Something went wrong"
        var heading: String
        var code: String
        var description: String
    }
}
