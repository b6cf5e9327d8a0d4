import Foundation
import FuzzTargets

/// Which parser this process fuzzes, read once: libFuzzer calls the entry point millions of times.
let fuzzTarget: FuzzTarget? = ProcessInfo.processInfo.environment["FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))

/// libFuzzer's entry point. Every parser must throw or return; a trap or hang is the finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let target = fuzzTarget else {
        // Not a trap of ours to report: say what is wrong and stop the run.
        FileHandle.standardError.write(Data("FUZZ_TARGET must be one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))\n".utf8))
        exit(64)
    }
    target.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
