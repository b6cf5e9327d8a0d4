extension Lockfiles {
    /// "alchemy_llm_py 0.1.0 → 0.1.1", "+ log 0.4.22", "- log 0.4.21": the packages whose
    /// locked versions differ between two lockfiles, `dependency` left out.
    static func changes(from before: Set<String>, to after: Set<String>, except dependency: String) -> [String] {
        func split(_ entries: Set<String>) -> [String: [String]] {
            var byName: [String: [String]] = [:]
            for entry in entries {
                let parts = entry.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2, parts[0] != dependency else { continue }
                byName[parts[0], default: []].append(parts[1])
            }
            return byName.mapValues { $0.sorted() }
        }
        let old = split(before.subtracting(after)), new = split(after.subtracting(before))
        var out: [String] = []
        for name in Set(old.keys).union(new.keys).sorted() {
            switch (old[name], new[name]) {
            case let (o?, n?) where o.count == 1 && n.count == 1: out.append("\(name) \(o[0]) → \(n[0])")
            case let (o, n):
                out += (o ?? []).map { "- \(name) \($0)" } + (n ?? []).map { "+ \(name) \($0)" }
            }
        }
        return out
    }
}
