import Foundation
import Support

/// The outcome of one case: nil failure means it passed.
public struct ContractCaseResult: SuiteCaseOutcome {
    public let contractCase: ContractCase
    public let failure: String?
    public var passed: Bool { failure == nil }
    public var caseName: String { contractCase.name }
    public var caseFile: String { contractCase.file }
}

/// The outcome of a suite run.
public struct ContractSuiteResult: SuiteOutcome {
    public let results: [ContractCaseResult]

    public var json: JSONValue {
        json(caseFields: { ["kind": .string($0.contractCase.kind.rawValue)] })
    }

    /// JUnit XML, one test case per contract case.
    public func junitXML(suiteName: String = "usage-contracts") -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites tests=\"\(results.count)\" failures=\"\(failed)\">\n"
        xml += "  <testsuite name=\"\(XMLText.escape(suiteName))\" tests=\"\(results.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\">\n"
        for r in results {
            let c = r.contractCase
            let open = "    <testcase name=\"\(XMLText.escape(c.name))\" classname=\"\(XMLText.escape(suiteName)).\(c.kind.rawValue)\" file=\"\(XMLText.escape(c.file))\""
            if let failure = r.failure {
                xml += open + ">\n"
                xml += "      <failure message=\"\(XMLText.escape(failure))\">\(XMLText.escape(failure))</failure>\n"
                xml += "    </testcase>\n"
            } else {
                xml += open + "/>\n"
            }
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }
}

/// The usage contract suite: built-in cases shipped with the library plus any folder of case files.
public enum ContractSuite {
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// The folder of built-in cases: beside the executable (installed or built), else in the
    /// source tree this library was built from.
    public static func builtInDirectory() throws -> String {
        // This file sits one folder below the target's root, where ContractCases is.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("x").path
        let (found, candidates) = ResourceFolder.locate(module: "Usage", folder: "ContractCases", sourceFile: root)
        if let found { return found }
        throw LoadError(message: "built-in contract cases not found (looked in \(candidates.joined(separator: ", ")))")
    }

    public static func builtInCases() throws -> [ContractCase] {
        try loadCases(directory: builtInDirectory())
    }

    /// Every `*.json` file of a folder, in name order.
    public static func loadCases(directory: String) throws -> [ContractCase] {
        try jsonFiles(in: directory).map { try ContractCase.load(file: $0) }
    }

    /// The paths of a case folder's `*.json` files, in name order; errors name the folder.
    public static func jsonFiles(in directory: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) else {
            throw LoadError(message: "\(directory): no such folder")
        }
        guard isDir.boolValue else { throw LoadError(message: "\(directory): not a folder") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw LoadError(message: "\(directory): cannot list: \(error.localizedDescription)")
        }
        let files = names.filter { $0.hasSuffix(".json") }.sorted()
        if files.isEmpty { throw LoadError(message: "\(directory): no case files (*.json)") }
        return files.map { (directory as NSString).appendingPathComponent($0) }
    }

    public static func run(_ cases: [ContractCase]) -> ContractSuiteResult {
        ContractSuiteResult(results: cases.map { ContractCaseResult(contractCase: $0, failure: ContractCaseEvaluator.evaluate($0)) })
    }
}
