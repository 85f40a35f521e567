@testable import flowsta
import FlowstaServer
import Testing

@Suite struct ServerOptionsTests {
    @Test func defaultsFollowTheDesign() throws {
        let configuration = try ServerOptions.parse([]).resolve(environment: [:])
        #expect(configuration.dataDirectory == "./data")
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.resolvedDatabaseURL == "sqlite://./data/flowsta.sqlite")
        #expect(configuration.resolvedIssuer == "http://localhost:8080")
        #expect(configuration.logLevel == .info)
    }

    @Test func environmentThenFlags() throws {
        let environment = [
            "FLOWSTA_DATA_DIR": "/srv/flowsta", "FLOWSTA_PORT": "9000", "FLOWSTA_HOST": "0.0.0.0",
            "DATABASE_URL": "postgres://u:p@db:5432/flowsta", "FLOWSTA_ISSUER": "https://auth.example.com",
            "FLOWSTA_LOG_LEVEL": "debug",
        ]
        let fromEnvironment = try ServerOptions.parse([]).resolve(environment: environment)
        #expect(fromEnvironment.dataDirectory == "/srv/flowsta")
        #expect(fromEnvironment.port == 9000)
        #expect(fromEnvironment.resolvedDatabaseURL == "postgres://u:p@db:5432/flowsta")
        #expect(fromEnvironment.servesHTTPS)
        #expect(fromEnvironment.logLevel == .debug)

        let flagged = try ServerOptions.parse(["--port", "7000", "--data-dir", "/tmp/x", "--login-limit-per-username", "0"]).resolve(environment: environment)
        #expect(flagged.port == 7000)
        #expect(flagged.dataDirectory == "/tmp/x")
        #expect(flagged.loginLimits.perUsername == 0)
    }

    @Test func rejectsBadValues() throws {
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--port", "70000"]).resolve(environment: [:]) }
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--log-level", "loud"]).resolve(environment: [:]) }
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--port", "abc"]) }
    }

    /// Issue #21: the device code lifetime, 15-1800 s; the boundaries are accepted, one past
    /// them refused as a flag and ignored (the default kept) in the environment.
    @Test func deviceCodeLifetimeIsBounded() throws {
        #expect(try ServerOptions.parse([]).resolve(environment: [:]).deviceCodeSeconds == 600)
        #expect(try ServerOptions.parse(["--device-code-seconds", "15"]).resolve(environment: [:]).deviceCodeSeconds == 15)
        #expect(try ServerOptions.parse(["--device-code-seconds", "1800"]).resolve(environment: [:]).deviceCodeSeconds == 1800)
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--device-code-seconds", "14"]).resolve(environment: [:]) }
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--device-code-seconds", "1801"]).resolve(environment: [:]) }
        #expect(try ServerOptions.parse([]).resolve(environment: ["FLOWSTA_DEVICE_CODE_SECONDS": "30"]).deviceCodeSeconds == 30)
        #expect(try ServerOptions.parse([]).resolve(environment: ["FLOWSTA_DEVICE_CODE_SECONDS": "14"]).deviceCodeSeconds == 600)
        #expect(try ServerOptions.parse([]).resolve(environment: ["FLOWSTA_DEVICE_CODE_SECONDS": "1801"]).deviceCodeSeconds == 600)
    }

    /// Issue #15: a password in a flag shows in process listings; the environment carries it.
    @Test func passwordsComeFromTheEnvironmentOnly() throws {
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--database-url", "postgres://u:secret@db/flowsta"]).resolve(environment: [:]) }
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--smtp-url", "smtp://u:secret@mail:587"]).resolve(environment: [:]) }
        let withoutPassword = try ServerOptions.parse(["--database-url", "postgres://u@db/flowsta", "--smtp-url", "smtp://mail:25"]).resolve(environment: [:])
        #expect(withoutPassword.resolvedDatabaseURL == "postgres://u@db/flowsta")
        #expect(withoutPassword.smtpURL == "smtp://mail:25")
        let fromEnvironment = try ServerOptions.parse([]).resolve(environment: ["DATABASE_URL": "postgres://u:secret@db/flowsta", "FLOWSTA_SMTP_URL": "smtp://u:secret@mail:587"])
        #expect(fromEnvironment.resolvedDatabaseURL == "postgres://u:secret@db/flowsta")
        #expect(fromEnvironment.smtpURL == "smtp://u:secret@mail:587")
    }
}
