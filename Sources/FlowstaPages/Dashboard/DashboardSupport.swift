import FlowstaHTTP
import FlowstaAccounts
import FlowstaBilling
import FlowstaCore
import FlowstaCrypto
import FlowstaOAuth
import FlowstaPlatform
import FlowstaUsage
import Foundation
import Hummingbird

/// A form body: every pair, in order (checkboxes repeat their name).
struct HTMLForm: Sendable {
    let pairs: [(String, String)]

    func first(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
}

/// A dashboard page was asked for without a dashboard session.
struct DashboardSignInRequired: Error {}
/// A dashboard form failed its CSRF check.
struct DashboardCSRFFailure: Error {}

/// Resolves the dashboard's own session cookie into `context.session`, and turns the
/// dashboard's errors into pages: no session → the sign-in flow; anything the platform
/// refuses → an error page with its status.
struct DashboardSessionMiddleware: RouterMiddleware {
    let accounts: AccountService
    let cookies: SessionCookies

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = cookies.value(SessionCookies.dashboard, in: request) {
            context.session = try? await accounts.authenticate(sessionToken: token)
        }
        do {
            return try await next(request, context)
        } catch is DashboardSignInRequired {
            guard request.method == .get else {
                return DashboardErrors.page("Please sign in again", "Your dashboard session ended. Sign in and try again.", status: .unauthorized)
            }
            let next = FormEncoding.encode(request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
            return Response(status: .seeOther, headers: [.location: "/dashboard/signin?next=" + next, .cacheControl: "no-store"])
        } catch is DashboardCSRFFailure {
            return DashboardErrors.page("This form has expired", "It was not sent from a current dashboard page. Go back, reload and try again.", status: .forbidden)
        } catch PlatformError.secondFactorRequired {
            return DashboardErrors.page(
                "Two-step sign-in is required here",
                "This organization asks every member to use an authenticator app. Turn on two-step sign-in under \"Two-step sign-in\" on your account page (/account), then sign in to the dashboard again.",
                status: .forbidden
            )
        } catch let error as PlatformError {
            return DashboardErrors.page(DashboardErrors.heading(error), error.publicDescription, status: error.status)
        } catch let error as BillingError {
            return DashboardErrors.page("Billing did not work", error.publicDescription, status: error.status)
        }
    }
}

enum DashboardErrors {
    static func page(_ heading: String, _ description: String, status: HTTPResponse.Status) -> Response {
        PageRenderer.shared.render(DashboardPage(frame: DashboardFrame(title: heading), content: Dashboard.Failure(heading: heading, description: description)), status: status)
    }

    static func heading(_ error: PlatformError) -> String {
        switch error {
        case .notFound: "Not found"
        case .forbidden: "Your role does not allow this"
        case .organizationDeleted: "This organization was deleted"
        case .planLimit: "Your plan's limit is reached"
        default: "That did not work"
        }
    }
}
