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
    /// The account has a second factor and the sign-in got no code (no `secondFactor` closure,
    /// or it gave `nil`).
    case secondFactorRequired
    /// A wrong or used code during a sign-in: `attemptsLeft` more this sign-in may send (the
    /// closure is asked again while there are some).
    case invalidCode(attemptsLeft: Int)
}
