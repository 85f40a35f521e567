/// Errors of the SDK.
public enum FlowstaClientError: Error, Equatable, Sendable {
    /// The server answered with its documented error body.
    case server(status: Int, error: String, description: String)
    /// The response was not what the API documents.
    case invalidResponse(String)
    /// The call needs a signed-in session.
    case notSignedIn
    /// The server could not prove it holds the registration record (wrong password, or an
    /// impostor server): raised before anything is sent.
    case authenticationFailed
}
