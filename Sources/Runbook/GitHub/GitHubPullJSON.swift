import Usage
import Support

/// The fields of a pull request object (REST API) that opening or updating one needs.
struct GitHubPullJSON {
    let number: Int
    let htmlURL: String
    let state: String?
    /// "owner:branch" of the head.
    let headLabel: String?
    let baseRef: String?

    /// nil when `value` lacks a positive `number` or a string `html_url`.
    init?(_ value: JSONValue) {
        guard let number = value["number"]?.numberValue?.intValue, number > 0,
              let url = value["html_url"]?.stringValue else { return nil }
        self.number = number
        htmlURL = url
        state = value["state"]?.stringValue
        headLabel = value["head"]?["label"]?.stringValue
        baseRef = value["base"]?["ref"]?.stringValue
    }

    /// Open, from `label` (owner compared without case, as GitHub logins are), into `base`.
    func isOpen(head label: String, base: String) -> Bool {
        guard state == nil || state == "open", baseRef == base, let headLabel else { return false }
        let mine = headLabel.split(separator: ":", maxSplits: 1)
        let wanted = label.split(separator: ":", maxSplits: 1)
        return mine.count == 2 && wanted.count == 2 && mine[0].lowercased() == wanted[0].lowercased() && mine[1] == wanted[1]
    }
}
