import Support
import TOML

/// Re-reads an edited manifest and proves the edit did only what was meant: the same tables,
/// keys (in order) and values as before, except the strings that were to change, which now hold
/// exactly their new values. Spans are ignored, since an edit moves everything after it.
enum ManifestVerifier {
    static func verify(before: TOMLTable, after text: String, expected: [Int: String], file: String) throws {
        let after: TOMLTable
        do {
            after = try TOMLReader.parse(text, file: file)
        } catch let e as SourceError {
            throw ManifestEditError(file: file, line: e.line, message: "the edited manifest no longer parses: \(e.message)")
        }
        var visited = 0
        if let difference = compare(.table(before), .table(after), path: "", span: nil, expected: expected, visited: &visited) {
            throw ManifestEditError(file: file, line: difference.line, message: "the edit changed more than the requirement: \(difference.what)")
        }
        guard visited == expected.count else {
            throw ManifestEditError(file: file, line: nil, message: "the edit did not reach every requirement (\(visited) of \(expected.count))")
        }
    }

    private struct Difference {
        let line: Int?
        let what: String
    }

    private static func compare(_ old: TOMLValue, _ new: TOMLValue, path: String, span: TOMLSpan?,
                                expected: [Int: String], visited: inout Int) -> Difference? {
        let line = span?.line
        let name = path.isEmpty ? "the document" : path
        if let span, case .string = old, let want = expected[span.start] {
            visited += 1
            guard case .string(let got) = new, got == want else {
                return Difference(line: line, what: "\(name) should be \"\(want)\"")
            }
            return nil
        }
        switch (old, new) {
        case (.table(let a), .table(let b)):
            guard a.keys == b.keys else { return Difference(line: line, what: "keys of \(name) differ") }
            for key in a.keys {
                guard let x = a[key], let y = b[key] else { continue }
                let child = path.isEmpty ? key : "\(path).\(key)"
                if let d = compare(x.value, y.value, path: child, span: x.span, expected: expected, visited: &visited) { return d }
            }
            return nil
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return Difference(line: line, what: "\(name) has a different length") }
            for (k, (x, y)) in zip(a, b).enumerated() {
                if let d = compare(x.value, y.value, path: "\(path)[\(k)]", span: x.span, expected: expected, visited: &visited) { return d }
            }
            return nil
        case (.float(let x), .float(let y)) where x.isNaN && y.isNaN:
            return nil
        default:
            return old == new ? nil : Difference(line: line, what: "\(name) changed")
        }
    }
}
