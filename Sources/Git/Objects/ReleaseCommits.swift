import CGit2

/// A commit of a release range, and whether it may prove anything.
public struct RangeCommit: Sendable, Equatable {
    public enum Standing: Sendable, Equatable {
        case live
        /// A revert commit: proves nothing itself. `of` is the commit it reverts when found in the range.
        case revert(of: GitObjectID?)
        /// Reverted later in the range by an effective revert commit.
        case reverted(by: GitObjectID)
        /// Reachable from the head only through a merge whose tree equals its first parent's tree.
        case discarded(by: GitObjectID)
    }

    public let commit: GitCommit
    public let standing: Standing

    public init(commit: GitCommit, standing: Standing) {
        self.commit = commit
        self.standing = standing
    }

    /// Only a live commit may prove anything.
    public var isLive: Bool { standing == .live }
}

extension GitRepository {
    /// Commits reachable from `head` but not from `base` (nil: the whole history), newest first
    /// (same order as `commits(from:excluding:)`), each with its standing.
    ///
    /// - Discarded: walking from `head`, a merge whose tree is its first parent's tree (what
    ///   `git merge -s ours` makes) is followed through its first parent only; range commits
    ///   reached no other way are `.discarded(by:)` the nearest such merge that hid them. They never
    ///   reached the head's tree, so a discarded revert reverts nothing.
    /// - Reverts: a message containing `This reverts commit <7–40 hex digits>` names its targets by
    ///   id prefix among the older range commits; failing that (or without such a line) a summary
    ///   `Revert "<subject>"` (GitHub may append ` (#123)`) targets the nearest older range commit
    ///   whose summary is exactly `<subject>`, preferring one that is not discarded. Reverting a
    ///   merge also reverts the commits that merge brought in.
    /// - A revert is effective unless an effective later revert targets it; whatever an effective
    ///   revert targets is `.reverted(by:)` (the nearest such revert), so reverting a revert
    ///   restores the original.
    public func releaseCommits(from head: GitObjectID, excluding base: GitObjectID?, limit: Int = 10_000) throws
        -> [RangeCommit]
    {
        var analysis = ReleaseRangeAnalysis(try self.commits(from: head, excluding: base, limit: limit))
        try analysis.findDiscardingMerges { try self.commit($0).tree }
        analysis.markReached(from: head)
        analysis.labelDiscarded(head: head)
        analysis.findReverts()
        analysis.decideReverts()
        return analysis.standings()
    }
}

/// The work behind `releaseCommits`, by index into the newest-first list. Topological order puts
/// every commit before its parents, so each pass is one loop in list order (or its reverse): no
/// recursion, however long the history.
struct ReleaseRangeAnalysis {
    let commits: [GitCommit]
    let index: [GitObjectID: Int]
    /// In-range children of each commit, newest first.
    let children: [[Int]]
    /// Merges whose tree equals their first parent's tree.
    var discarding: [Bool]
    var reached: [Bool]
    /// The merge that hid each unreached commit.
    var hiddenBy: [GitObjectID?]
    /// What each revert targets (older indices); nil for a commit that is not a revert.
    var targets: [[Int]?]
    var effective: [Bool]
    var revertedBy: [Int?]

    init(_ commits: [GitCommit]) {
        self.commits = commits
        var index: [GitObjectID: Int] = [:]
        for (i, commit) in commits.enumerated() { index[commit.id] = i }
        self.index = index
        var children = [[Int]](repeating: [], count: commits.count)
        for (i, commit) in commits.enumerated() {
            for parent in Set(commit.parents) {
                if let p = index[parent] { children[p].append(i) }
            }
        }
        self.children = children
        discarding = Array(repeating: false, count: commits.count)
        reached = Array(repeating: false, count: commits.count)
        hiddenBy = Array(repeating: nil, count: commits.count)
        targets = Array(repeating: nil, count: commits.count)
        effective = Array(repeating: false, count: commits.count)
        revertedBy = Array(repeating: nil, count: commits.count)
    }

    // MARK: Discarded merges

    /// Marks merges whose tree is their first parent's; `treeOf` reads a parent outside the range.
    mutating func findDiscardingMerges(treeOf: (GitObjectID) throws -> GitObjectID) throws {
        for (i, commit) in commits.enumerated() where commit.parents.count > 1 {
            let first = commit.parents[0]
            let firstTree = try index[first].map { commits[$0].tree } ?? treeOf(first)
            discarding[i] = commit.tree == firstTree
        }
    }

    /// The parents a walk from the head follows: only the first through a discarding merge.
    func followed(_ i: Int) -> ArraySlice<GitObjectID> {
        discarding[i] ? commits[i].parents.prefix(1) : commits[i].parents[...]
    }

    mutating func markReached(from head: GitObjectID) {
        guard let start = index[head] else { return }
        reached[start] = true
        var stack = [start]
        while let i = stack.popLast() {
            for parent in followed(i) {
                if let p = index[parent], !reached[p] {
                    reached[p] = true
                    stack.append(p)
                }
            }
        }
    }

    /// Labels each unreached commit with the discarding merge nearest to it on a path from the head:
    /// a discarding merge hides its other parents directly, an unreached child passes its own label on.
    mutating func labelDiscarded(head: GitObjectID) {
        var distance = [Int](repeating: Int.max, count: commits.count)
        for i in commits.indices where !reached[i] {
            var best: (merge: GitObjectID, distance: Int)?
            for child in children[i] {
                let id = commits[i].id
                let candidate: (GitObjectID, Int)
                if discarding[child], commits[child].parents.dropFirst().contains(id), commits[child].parents[0] != id {
                    candidate = (commits[child].id, 1)
                } else if !reached[child], let label = hiddenBy[child], distance[child] < Int.max {
                    candidate = (label, distance[child] + 1)
                } else {
                    continue
                }
                if best == nil || candidate.1 < best!.distance { best = candidate }
            }
            // Every range commit has a path from the head, so `best` is always found; should it
            // not be, the commit still proves nothing.
            hiddenBy[i] = best?.merge ?? head
            distance[i] = best?.distance ?? Int.max - 1
        }
    }

    // MARK: Reverts

    /// Finds every revert and its targets among the older commits.
    mutating func findReverts() {
        var bySummary: [String: [Int]] = [:]  // summary → indices, newest first
        for (i, commit) in commits.enumerated() { bySummary[commit.summary, default: []].append(i) }

        for (i, commit) in commits.enumerated() {
            let prefixes = RevertMessage.revertedIDPrefixes(in: commit.message)
            let subject = RevertMessage.revertedSubject(commit.summary)
            guard !prefixes.isEmpty || subject != nil else { continue }

            var found: [Int] = []
            for prefix in prefixes {
                // Older commits only: ids cannot name a descendant, and reverts must point back.
                for j in (i + 1)..<commits.count where commits[j].id.hex.hasPrefix(prefix) && !found.contains(j) {
                    found.append(j)
                }
            }
            if found.isEmpty, let subject {
                let older = (bySummary[subject] ?? []).filter { $0 > i }
                if let nearest = older.first(where: { reached[$0] }) ?? older.first { found.append(nearest) }
            }
            for j in found where commits[j].parents.count > 1 {
                for brought in broughtIn(by: j) where !found.contains(brought) { found.append(brought) }
            }
            targets[i] = found
        }
    }

    /// The range commits merge `m` brought in: reachable from its other parents, not from its first.
    func broughtIn(by m: Int) -> [Int] {
        func reach(from starts: [GitObjectID]) -> Set<Int> {
            var seen = Set<Int>()
            var stack = starts.compactMap { index[$0] }
            while let i = stack.popLast() {
                guard seen.insert(i).inserted else { continue }
                stack.append(contentsOf: commits[i].parents.compactMap { index[$0] })
            }
            return seen
        }
        let parents = commits[m].parents
        let mainline = reach(from: [parents[0]])
        return reach(from: Array(parents.dropFirst())).subtracting(mainline).sorted()
    }

    /// Newest to oldest: whether a revert is effective depends only on newer reverts, already decided.
    mutating func decideReverts() {
        var revertersOf = [[Int]](repeating: [], count: commits.count)
        for (i, found) in targets.enumerated() {
            for j in found ?? [] { revertersOf[j].append(i) }
        }
        for i in commits.indices {
            let undoneBy = revertersOf[i].filter { effective[$0] }
            revertedBy[i] = undoneBy.max()  // the oldest of the newer reverts: the nearest
            effective[i] = targets[i] != nil && reached[i] && undoneBy.isEmpty
        }
    }

    func standings() -> [RangeCommit] {
        commits.indices.map { i in
            let standing: RangeCommit.Standing
            if !reached[i], let merge = hiddenBy[i] {
                standing = .discarded(by: merge)
            } else if let by = revertedBy[i] {
                standing = .reverted(by: commits[by].id)
            } else if let found = targets[i] {
                standing = .revert(of: found.first.map { commits[$0].id })
            } else {
                standing = .live
            }
            return RangeCommit(commit: commits[i], standing: standing)
        }
    }
}

/// How a commit message says it reverts something.
enum RevertMessage {
    static let phrase = Array("This reverts commit".utf8)

    /// The lower-case id prefixes of every `This reverts commit <hex>` in `message` (7–40 hex
    /// digits, not followed by another letter or digit). Real newlines or a literal `\n` around
    /// the line make no difference.
    static func revertedIDPrefixes(in message: String) -> [String] {
        let bytes = Array(message.utf8)
        var result: [String] = []
        var at = 0
        while at + phrase.count <= bytes.count {
            guard bytes[at..<(at + phrase.count)].elementsEqual(phrase) else {
                at += 1
                continue
            }
            var cursor = at + phrase.count
            at = cursor
            let spaces = cursor
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
            guard cursor > spaces else { continue }
            let start = cursor
            while cursor < bytes.count, isHex(bytes[cursor]) { cursor += 1 }
            let count = cursor - start
            guard (7...40).contains(count), cursor == bytes.count || !isAlphanumeric(bytes[cursor]) else { continue }
            let hex = String(decoding: bytes[start..<cursor], as: UTF8.self).lowercased()
            if !result.contains(hex) { result.append(hex) }
        }
        return result
    }

    /// `<subject>` of a summary `Revert "<subject>"`, also with GitHub's ` (#123)` after it.
    static func revertedSubject(_ summary: String) -> String? {
        let open = "Revert \""
        guard summary.hasPrefix(open) else { return nil }
        var rest = summary.utf8.dropFirst(open.utf8.count)
        if rest.last == UInt8(ascii: ")") {
            let number = rest.dropLast().reversed().prefix { (0x30...0x39).contains($0) }.count
            let before = rest.dropLast(1 + number)
            if number > 0, before.suffix(4).elementsEqual("\" (#".utf8) { rest = before.dropLast(3) }
        }
        guard rest.last == UInt8(ascii: "\"") else { return nil }
        return String(decoding: rest.dropLast(), as: UTF8.self)
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
