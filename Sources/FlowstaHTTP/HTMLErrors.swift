import Foundation
import Hummingbird

/// Writes the HTML error page (the hosted pages' and the dashboard's). `FlowstaPages` renders it
/// from its templates; middleware that refuses a browser request (``CrossSiteRequestMiddleware``)
/// asks it rather than writing HTML of its own.
package protocol HTMLErrorWriter: Sendable {
    func error(code: String, description: String, status: HTTPResponse.Status) -> Response
}

/// Links between the API and the pages.
package enum PageLinks {
    /// Where Stripe's Checkout and portal send the owner back: the dashboard's billing page.
    package static func billing(issuer: String, _ organizationID: UUID) -> String {
        issuer + "/dashboard/orgs/\(organizationID.uuidString.lowercased())/billing"
    }

    /// `scheme://host[:port]` of an absolute URI (`scheme:` for other schemes); `nil` when it is
    /// not an absolute URI.
    package static func origin(of uri: String) -> String? {
        guard let components = URLComponents(string: uri), let scheme = components.scheme else { return nil }
        guard let host = components.host, scheme == "http" || scheme == "https" else { return scheme + ":" }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
