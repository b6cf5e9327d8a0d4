import Git
/// One run of changed lines of the fix (removed and added lines next to each other) with up to
/// three lines of context on each side, as the fix commit's diff shows it.
struct FixChange: Sendable, Equatable {
    let before: [String]
    let removed: [String]
    let added: [String]
    let after: [String]
    /// Where it sits in the fixed file (the old file's line for a pure deletion), for messages.
    let line: Int

    /// The hunks of one file cut into changes; lines compared without trailing white space,
    /// which editors and formatters change freely.
    static func changes(in hunks: [GitHunk]) -> [FixChange] {
        var out: [FixChange] = []
        for hunk in hunks {
            let lines = hunk.lines
            var k = 0
            while k < lines.count {
                guard lines[k].origin != .context else {
                    k += 1
                    continue
                }
                let start = k
                while k < lines.count, lines[k].origin != .context { k += 1 }
                let run = lines[start..<k]
                let beforeStart = max(start - 3, 0)
                let before = lines[beforeStart..<start].filter { $0.origin == .context }.map { normal($0.text) }
                var after: [String] = []
                var j = k
                while j < lines.count, lines[j].origin == .context, after.count < 3 {
                    after.append(normal(lines[j].text))
                    j += 1
                }
                let firstAdded = run.first { $0.origin == .added }
                let line = firstAdded?.newLine ?? run.first?.oldLine ?? hunk.newStart
                out.append(FixChange(before: before, removed: run.filter { $0.origin == .removed }.map { normal($0.text) },
                                     added: run.filter { $0.origin == .added }.map { normal($0.text) }, after: after, line: line))
            }
        }
        return out
    }

    static func normal(_ line: some StringProtocol) -> String {
        var end = line.endIndex
        while end > line.startIndex {
            let previous = line.index(before: end)
            guard line[previous] == " " || line[previous] == "\t" || line[previous] == "\r" else { break }
            end = previous
        }
        return String(line[..<end])
    }

    enum Finding: Equatable {
        /// The fixed lines are there.
        case present
        /// The lines before the fix are back.
        case undone
        /// Neither: the lines were edited again since the fix.
        case changedSince
    }

    /// Looks for this change in a file's lines (already `normal`). Undone is looked for first:
    /// a file that holds the old lines is not fixed, whatever else it also holds.
    func find(in file: FileLines) -> Finding {
        let pre = before + removed + after
        // A pure addition is undone when its neighbours meet again. A block of braces and blank
        // lines occurs anywhere, so only a distinctive one can prove anything is back.
        let preIsSpecific = removed.isEmpty ? (!before.isEmpty && !after.isEmpty && Self.distinctive(pre)) : Self.distinctive(pre)
        if preIsSpecific, file.contains(pre) { return .undone }
        let post = before + added + after
        if !post.isEmpty, file.contains(post) { return .present }
        // The context moved or changed around the fixed lines themselves.
        if !added.isEmpty, Self.distinctive(added), file.contains(added) { return .present }
        if added.isEmpty, Self.distinctive(removed), !file.contains(removed) { return .present }
        return .changedSince
    }

    /// True when some line has at least four letters or digits.
    static func distinctive(_ lines: [String]) -> Bool {
        lines.contains { line in line.unicodeScalars.lazy.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.count >= 4 }
    }
}

/// A file's lines, indexed by content so a block is found without scanning every line.
struct FileLines {
    let lines: [String]
    private let starts: [String: [Int]]

    init(_ bytes: [UInt8]) {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { FixChange.normal($0) }
        var starts: [String: [Int]] = [:]
        for (k, line) in lines.enumerated() { starts[line, default: []].append(k) }
        self.starts = starts
    }

    func contains(_ block: [String]) -> Bool {
        guard let first = block.first else { return true }
        for start in starts[first] ?? [] where start + block.count <= lines.count {
            if lines[start..<(start + block.count)].elementsEqual(block) { return true }
        }
        return false
    }
}
