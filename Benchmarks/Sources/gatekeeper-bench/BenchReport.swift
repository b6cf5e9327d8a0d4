/// The benchmark's table and its two targets. MB means 10^6 bytes throughout.
struct BenchReport {
    let inputs: [(name: String, bytes: Int, events: Int)]
    let gatekeeper: ParityBench.Contender
    let python: ParityBench.Contender
    let runs: Int
    let floorKiB: Int

    static let maxWallRatio = 0.50
    static let maxPeakPerInput = 2.0

    func print() {
        let f = ParityBench.format
        let total = inputs.reduce(0) { $0 + $1.bytes }
        let mb = { (bytes: Double) in bytes / 1e6 }
        let peakMB = { (c: ParityBench.Contender) in mb(Double(c.peakRSSKiB) * 1024) }
        let ratio = gatekeeper.medianWall / python.medianWall
        let peakPerInput = peakMB(gatekeeper) / mb(Double(total))

        Swift.print("")
        Swift.print("gatekeeper parity vs Python reference: \(runs) run\(runs == 1 ? "" : "s") each, alternating; median wall, highest peak RSS")
        for input in inputs {
            Swift.print("  input \(pad(input.name, 12)) \(pad(f(mb(Double(input.bytes)), 1), 6, left: true)) MB  \(input.events) events")
        }
        Swift.print("  input total        \(pad(f(mb(Double(total)), 1), 6, left: true)) MB")
        Swift.print("")
        Swift.print("  \(pad("", 12)) \(pad("wall (s)", 9, left: true)) \(pad("peak RSS (MB)", 14, left: true)) \(pad("peak / input", 13, left: true))")
        for c in [gatekeeper, python] {
            Swift.print("  \(pad(c.name, 12)) \(pad(f(c.medianWall, 3), 9, left: true)) \(pad(f(peakMB(c), 1), 14, left: true)) \(pad(f(peakMB(c) / mb(Double(total)), 2) + "x", 13, left: true))")
        }
        Swift.print("  wall ratio gatekeeper/python: \(f(ratio, 2))")
        Swift.print("  (peak RSS of a do-nothing child, the floor of this measurement: \(f(Double(floorKiB) * 1024 / 1e6, 1)) MB)")
        Swift.print("")
        Swift.print("target: wall ratio <= \(f(Self.maxWallRatio, 2))  \(ratio <= Self.maxWallRatio ? "PASS" : "MISS") (\(f(ratio, 2)))")
        Swift.print("target: peak <= \(f(Self.maxPeakPerInput, 0))x input  \(peakPerInput <= Self.maxPeakPerInput ? "PASS" : "MISS") (\(f(peakPerInput, 2))x)")
    }

    private func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return left ? fill + s : s + fill
    }
}
