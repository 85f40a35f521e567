import Foundation
import Hummingbird
import Mustache
import HTTPTypes

/// Renders the hosted pages with their Content-Security-Policy.
struct PageRenderer: Sendable {
    /// The templates are constants: parsed once per process.
    static let shared = PageRenderer()

    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, template) in PageTemplates.all.merging(DashboardTemplates.all, uniquingKeysWith: { first, _ in first }) {
            // The templates are constants of this module: a parse failure is a programming error.
            try! library.register(template, named: name)
        }
        self.library = library
    }

    /// An HTML response. - Parameter formTargets: origins a form on the page may end up at
    /// (the consent page redirects to the app).
    func render(_ name: String, _ context: [String: Any], status: HTTPResponse.Status = .ok, formTargets: [String] = []) -> Response {
        let html = library.render(context, withTemplate: name) ?? "<!doctype html><title>Flowsta</title><p>Something went wrong.</p>"
        return Response(status: status, headers: Self.headers(formTargets: formTargets), body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error page.
    func error(code: String, description: String, status: HTTPResponse.Status = .badRequest) -> Response {
        render("error", ["title": "Something went wrong", "heading": Self.heading(for: code), "code": code, "description": description], status: status)
    }

    static func heading(for code: String) -> String {
        switch code {
        case "invalid_request", "unauthorized_client": "This sign-in link is not valid"
        case "invalid_csrf": "This form has expired"
        case "login_required": "Please sign in again"
        default: "Something went wrong"
        }
    }

    /// No inline script or style, nothing from other origins, never framed.
    static func headers(formTargets: [String]) -> HTTPFields {
        let formAction = (["'self'"] + formTargets).joined(separator: " ")
        let policy = [
            "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
            "form-action \(formAction)", "frame-ancestors 'none'", "base-uri 'none'",
        ].joined(separator: "; ")
        return [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: policy, .cacheControl: "no-store"]
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = Self("Content-Security-Policy")!
}
