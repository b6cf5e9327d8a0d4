import Foundation
import Usage
import Support

/// Reads a command's JSON input from a file or stdin ("-"), with the file named in every error.
enum InputFiles {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        if path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        do {
            return try FileBytes.read(path)
        } catch let e as FileReadError {
            throw Failure(description: e.description)
        }
    }

    static func json(_ path: String) throws -> JSONValue {
        let data = try bytes(path)
        let name = path == "-" ? "stdin" : path
        do {
            return try JSONReader.parse(data)
        } catch let e as JSONSyntaxError {
            if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                throw Failure(description: "\(name): \(data.isEmpty ? "empty" : "only whitespace"), expected JSON")
            }
            throw Failure(description: "\(name): not valid JSON: \(e)")
        }
    }
}
