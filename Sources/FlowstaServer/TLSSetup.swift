import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL

/// TLS termination (P10): TLS 1.3 only, from the PEM files in the configuration.
enum TLSSetup {
    static func serverBuilder(configuration: ServerConfiguration) throws -> HTTPServerBuilder {
        guard let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath else {
            return .http1()
        }
        return try .tls(.http1(), tlsConfiguration: tlsConfiguration(certificatePath: certificatePath, keyPath: keyPath))
    }

    static func tlsConfiguration(certificatePath: String, keyPath: String) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain,
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem))
        )
        tls.minimumTLSVersion = .tlsv13
        return tls
    }
}
