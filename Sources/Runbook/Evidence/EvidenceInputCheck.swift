import Support
import Usage
/// Refusals made before a bundle is written: names that would escape the bundle or clash,
/// logs that are not there, links that would not resolve.
enum EvidenceInputCheck {
    static func validate(_ input: EvidenceInput, directory: String) throws {
        let capturesFolder = BundlePath.join(directory, EvidenceLayout.capturesFolder)
        var names = Set<String>()
        for capture in input.captures {
            if let problem = CaptureName.problem(capture.name) {
                throw SourceError(file: capturesFolder, line: nil, message: problem)
            }
            guard names.insert(capture.name).inserted else {
                throw SourceError(file: capturesFolder, line: nil, message: "capture '\(capture.name)' is given twice")
            }
            if let source = capture.sourcePath {
                switch BundleFiles.kind(following: source) {
                case .regular: break
                case .missing: throw SourceError(file: source, line: nil, message: "capture '\(capture.name)': no such file")
                default: throw SourceError(file: source, line: nil, message: "capture '\(capture.name)': not a regular file")
                }
            }
        }
        for record in input.qa {
            let path = BundlePath.join(directory, record.logPath)
            if let problem = BundlePath.problem(record.logPath) {
                throw SourceError(file: directory, line: nil, message: "QA log of '\(record.command)': \(problem)")
            }
            guard record.logPath.hasPrefix(EvidenceLayout.qaFolder + "/") else {
                throw SourceError(file: path, line: nil, message: "QA log of '\(record.command)' is not inside \(EvidenceLayout.qaFolder)/")
            }
            guard BundleFiles.kind(root: directory, name: record.logPath) == .regular else {
                throw SourceError(file: path, line: nil, message: "QA log of '\(record.command)' not found")
            }
        }
        for item in input.acceptance {
            for file in item.evidence {
                if let problem = BundlePath.problem(file) {
                    throw SourceError(file: directory, line: nil, message: "acceptance '\(item.id)': evidence \(problem)")
                }
            }
        }
    }

    /// Every acceptance link must land on a file the bundle will hold.
    static func checkEvidenceLinks(_ input: EvidenceInput, directory: String, available: Set<String>) throws {
        let summary = EvidenceSummary(input)
        let all = available.union([EvidenceLayout.sums, EvidenceLayout.statement])
        for a in summary.acceptance {
            for file in a.evidence where !all.contains(file) {
                throw SourceError(file: BundlePath.join(directory, file), line: nil, message: "evidence of acceptance '\(a.item.id)' is not a file of the bundle")
            }
        }
    }

    /// The files already in the folder (none when it does not exist yet), SHA256SUMS and the
    /// statement excepted. A symbolic link, a device or an unlistable name is refused: the
    /// bundle must hold only plain files it can name on a SHA256SUMS line.
    static func existingFiles(_ directory: String) throws -> [String] {
        switch BundleFiles.kind(directory) {
        case .missing: return []
        case .directory: break
        case .symlink:
            // The bundle folder itself may be reached through a link; what it holds may not.
            guard BundleFiles.isDirectory(following: directory) else { throw SourceError(file: directory, line: nil, message: "not a folder") }
        default: throw SourceError(file: directory, line: nil, message: "not a folder")
        }
        var names: [String] = []
        for entry in try BundleFiles.walk(directory) {
            let path = BundlePath.join(directory, entry.name)
            if let problem = BundlePath.problem(entry.name) { throw SourceError(file: path, line: nil, message: "cannot be listed in \(EvidenceLayout.sums): \(problem)") }
            switch entry.kind {
            case .regular: break
            case .symlink: throw SourceError(file: path, line: nil, message: "a symbolic link has no place in an evidence bundle")
            default: throw SourceError(file: path, line: nil, message: "not a regular file")
            }
            if !EvidenceLayout.unlisted.contains(entry.name) { names.append(entry.name) }
        }
        return names
    }
}
