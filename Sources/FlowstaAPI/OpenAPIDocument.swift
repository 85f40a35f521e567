import FlowstaCore
import FlowstaHTTP
import Foundation

/// The OpenAPI 3.1 document served at `/openapi.json`, kept as resource files
/// (`Sources/FlowstaAPI/OpenAPI/`): `openapi.json` (info, tags), `paths/<tag>.json` (the
/// path items of one tag) and `components/<kind>.json` (schemas, responses, headers,
/// parameters, security schemes). They are merged once, at start.
public enum OpenAPIDocument {
    /// Why the document could not be assembled (an installation without its resource bundle, or
    /// a broken file).
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The merged document as served: JSON with sorted keys.
    public static let loaded: Result<[UInt8], any Error> = Result { try load(from: resourceDirectory()) }

    /// The document, or the reason it cannot be served (checked at start-up).
    public static func data() throws -> [UInt8] { try loaded.get() }

    /// The `OpenAPI` resource directory (``BundledResources``).
    static func resourceDirectory() throws -> URL {
        do {
            // This file is in the module's folder, beside `OpenAPI/`.
            let module = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            return try BundledResources.directory("OpenAPI", of: "FlowstaAPI", marker: "openapi.json", sourceDirectory: module)
        } catch {
            throw LoadError(description: "the OpenAPI document cannot be served: \(error)")
        }
    }

    /// Merges `openapi.json`, `paths/*.json` and `components/*.json` of `directory`.
    static func load(from directory: URL) throws -> [UInt8] {
        var root = try object(directory.appendingPathComponent("openapi.json"))
        var paths: [String: Any] = [:]
        for file in try files(directory.appendingPathComponent("paths")) {
            for (path, item) in try object(file) {
                guard paths.updateValue(item, forKey: path) == nil else {
                    throw LoadError(description: "\(path) is in two path files (\(file.lastPathComponent))")
                }
            }
        }
        var components: [String: Any] = [:]
        for file in try files(directory.appendingPathComponent("components")) {
            components[file.deletingPathExtension().lastPathComponent] = try object(file)
        }
        root["paths"] = paths
        root["components"] = components
        do {
            return Array(try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes]))
        } catch {
            throw LoadError(description: "the merged OpenAPI document cannot be written as JSON: \(error)")
        }
    }

    private static func files(_ directory: URL) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw LoadError(description: "cannot list \(directory.path): \(error)")
        }
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0) }
    }

    private static func object(_ file: URL) throws -> [String: Any] {
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] else {
                throw LoadError(description: "\(file.lastPathComponent) is not a JSON object")
            }
            return object
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "\(file.lastPathComponent) cannot be read as JSON: \(error)")
        }
    }
}
