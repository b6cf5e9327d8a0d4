import Git
/// `fix_commit` found in the upstream as an object, never through a reference name: a branch
/// called `e8678aa` must not stand in for the commit e8678aa.
enum FixCommit {
    /// The commit, or a one-line reason naming the key.
    static func resolve(_ text: String, gate: GateConfig, in mirror: GitRepository) -> Result<GitObjectID, Failure> {
        do {
            return .success(try mirror.commitID(prefix: text))
        } catch let error as GitError {
            let upstream = gate.upstream ?? "the upstream"
            let why: String
            if error.isNotFound {
                why = "is not a commit in \(upstream)"
            } else if error.message.contains("ambiguous") {
                why = "is ambiguous in \(upstream): more than one object starts with it; write more digits"
            } else {
                why = "cannot be used: \(error.message)"
            }
            return .failure(Failure(message: "gate \(gate.id): fix_commit \(text) \(why)"))
        } catch {
            return .failure(Failure(message: "gate \(gate.id): fix_commit \(text) cannot be used: \(error)"))
        }
    }

    struct Failure: Error, Equatable {
        let message: String
    }
}
