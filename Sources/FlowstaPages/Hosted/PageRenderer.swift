import FlowstaCore
import FlowstaHTTP
import Foundation
import Hummingbird
import Mustache
import HTTPTypes

/// Renders the hosted pages and the dashboard with their Content-Security-Policy. The templates
/// are the `.mustache` files of `Templates/` (`{{x}}` is HTML-escaped; the only unescaped output
/// is the dashboard's `{{{chart}}}`, SVG built by ``SVGChart`` from numbers and escaped labels).
/// Scripts are external modules only, so the CSP needs no `unsafe-inline`.
struct PageRenderer: Sendable, HTMLErrorWriter {
    /// The templates, read and parsed once per process; a missing or broken file is reported at
    /// start (``PageRoutes/checkInstallation()``).
    static let loaded: Result<PageRenderer, any Error> = Result {
        // This file is in `Hosted/`; `Templates/` is beside it in the module's folder.
        let module = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return try PageRenderer(directory: BundledResources.directory("Templates", of: "FlowstaPages", marker: "head.mustache", sourceDirectory: module))
    }

    /// The renderer; without its templates (a broken installation, refused at start) every page
    /// is a plain error page.
    static var shared: PageRenderer { (try? loaded.get()) ?? PageRenderer(library: MustacheLibrary()) }

    let library: MustacheLibrary

    init(library: MustacheLibrary) {
        self.library = library
    }

    /// Registers every `<name>.mustache` of `directory` as template `<name>`.
    init(directory: URL) throws {
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }.sorted()
        for file in names {
            let name = String(file.dropLast(".mustache".count))
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            do {
                try library.register(text, named: name)
            } catch {
                throw BundledResources.Missing(description: "template \(file) cannot be parsed: \(error)")
            }
        }
        self.init(library: library)
    }

    /// An HTML response. - Parameter formTargets: origins a form on the page may end up at
    /// (the consent page redirects to the app).
    func render(_ page: some PageModel, status: HTTPResponse.Status = .ok, formTargets: [String] = []) -> Response {
        let html = library.render(page, withTemplate: page.template) ?? "<!doctype html><title>Flowsta</title><p>Something went wrong.</p>"
        return Response(status: status, headers: Self.headers(formTargets: formTargets), body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The error page.
    func error(code: String, description: String, status: HTTPResponse.Status = .badRequest) -> Response {
        render(HostedPage.Failure(heading: Self.heading(for: code), code: code, description: description), status: status)
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
