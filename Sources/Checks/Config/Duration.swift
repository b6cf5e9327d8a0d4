/// A duration written like `48h`, `7d`, `30m`, `90s` or `1d12h`.
public struct ConfigDuration: Sendable, Equatable, CustomStringConvertible {
    public let seconds: Int
    public let text: String

    public init?(_ text: String) {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800]
        var total = 0
        var digits = ""
        for c in text {
            if c.isASCII, c.isNumber {
                digits.append(c)
            } else if let unit = units[c], let n = Int(digits) {
                let (product, o1) = n.multipliedReportingOverflow(by: unit)
                let (sum, o2) = total.addingReportingOverflow(product)
                if o1 || o2 { return nil }
                total = sum
                digits = ""
            } else {
                return nil
            }
        }
        guard digits.isEmpty, !text.isEmpty else { return nil }
        seconds = total
        self.text = text
    }

    public var description: String { text }
}
