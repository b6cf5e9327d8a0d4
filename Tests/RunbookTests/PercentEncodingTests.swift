import Foundation
@testable import Runbook
import Support
import Testing

/// One percent-encoder behind the GitHub query (which calls it directly), the PR body's links
/// and the review page's links.
struct PercentEncodingTests {
    static let hostile = "qa/02 (flaky):ü&x=1#frag?y%20.log"

    @Test func everythingButUnreservedIsEncodedAndDecodesBack() {
        let encoded = PercentEncoding.encode(Self.hostile)
        #expect(encoded == "qa%2F02%20%28flaky%29%3A%C3%BC%26x%3D1%23frag%3Fy%2520.log")
        #expect(encoded.removingPercentEncoding == Self.hostile)
        #expect(PercentEncoding.encode("a-b.c_d~e") == "a-b.c_d~e")
    }

    @Test func theLinksKeepTheirFoldersAndEncodeTheRest() {
        let link = Markdown.link(Self.hostile)
        let destination = String(link[link.index(after: link.lastIndex(of: "(")!)...].dropLast())
        #expect(destination == PercentEncoding.encode(Self.hostile, keeping: [UInt8(ascii: "/")]))
        #expect(destination.hasPrefix("qa/02%20"), "a link keeps its folders")
    }
}
