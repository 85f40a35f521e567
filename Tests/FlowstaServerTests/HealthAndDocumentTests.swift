import FlowstaServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct HealthAndDocumentTests {
    @Test func healthAndReadiness() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            #expect(JSON.object(health.body)["status"] as? String == "ok")
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.headers[.init("X-Content-Type-Options")!] == "nosniff")
            // The stop signal drains: /ready turns 503 `draining`, everything else is served.
            #expect(server.runtime.drain.start())
            #expect(!server.runtime.drain.start(), "a second signal does not start it again")
            let draining = try await client.execute(uri: "/ready", method: .get)
            #expect(draining.status == .serviceUnavailable)
            #expect(JSON.object(draining.body)["error"] as? String == "draining")
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/.well-known/openid-configuration", method: .get).status == .ok)
        }
    }

    /// A newcomer who opens the server in a browser lands on a page that says what this is.
    @Test func theHomePageLinksTheWayIn() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(home.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(home.headers[.init("Content-Security-Policy")!] != nil)
            let html = String(buffer: home.body)
            for link in ["/signup", "/signin", "/account", "/dashboard", "/.well-known/openid-configuration", "/openapi.json"] {
                #expect(html.contains("href=\"\(link)\""), "\(link)")
            }
            for link in ["/signup", "/.well-known/openid-configuration", "/openapi.json"] {
                #expect(try await client.execute(uri: link, method: .get).status == .ok, "\(link) answers")
            }
        }
    }

    @Test func openAPIDocumentListsEveryRoute() async throws {
        let server = try await TestServer()
        try await server.withRouter { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = JSON.object(response.body)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            // Exactly the router's routes: every route documented, nothing documented that is not routed.
            let routed = Set(FlowstaApplication.router(runtime: server.runtime).routes.map { route in
                let path = "/" + route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                return route.method.rawValue.lowercased() + " " + path
            })
            let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
            let documented = Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { $0 + " " + path } })
            #expect(routed.count > 100)
            #expect(routed.subtracting(documented).sorted() == [], "routed but not documented")
            #expect(documented.subtracting(routed).sorted() == [], "documented but not routed")
            // Every operation has an id, a tag and a summary; ids are unique.
            let operations = paths.values.flatMap { item in item.filter { methods.contains($0.key) }.compactMap { $0.value as? [String: Any] } }
            #expect(operations.allSatisfy { $0["operationId"] is String && ($0["tags"] as? [String])?.isEmpty == false && $0["summary"] is String })
            #expect(Set(operations.compactMap { $0["operationId"] as? String }).count == operations.count)
        }
    }
}
