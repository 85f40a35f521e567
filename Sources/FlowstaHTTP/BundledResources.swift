import Foundation

/// Finds a module's resource directory: in the resource bundle SwiftPM installs next to the
/// executable, else in the source tree it was built from. (Not `Bundle.module`, which stops the
/// process when the bundle is missing: a broken installation gets an error message instead.)
package enum BundledResources {
    package struct Missing: Error, CustomStringConvertible {
        package let description: String

        package init(description: String) {
            self.description = description
        }
    }

    /// - Parameters:
    ///   - directory: the resource directory's name (`OpenAPI`, `Templates`).
    ///   - module: the target that ships it (`FlowstaAPI`).
    ///   - marker: a file that must be in the directory.
    ///   - sourceDirectory: where the directory is in the source tree the binary was built from
    ///     (the module's folder).
    package static func directory(_ directory: String, of module: String, marker: String, sourceDirectory: URL) throws -> URL {
        let executable = Bundle.main.executableURL?.deletingLastPathComponent() ?? Bundle.main.bundleURL
        let bundle = "flowsta-auth_\(module)"
        let candidates = [
            executable.appendingPathComponent("\(bundle).resources/\(directory)"),
            executable.appendingPathComponent("\(bundle).bundle/Contents/Resources/\(directory)"),
            executable.appendingPathComponent("\(bundle).bundle/\(directory)"),
            sourceDirectory.appendingPathComponent(directory),
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.appendingPathComponent(marker).path) }) else {
            throw Missing(description: "the \(directory) resource files are missing; looked in " + candidates.map(\.path).joined(separator: ", ")
                + " (install the \(bundle).resources directory next to the binary)")
        }
        return found
    }
}
