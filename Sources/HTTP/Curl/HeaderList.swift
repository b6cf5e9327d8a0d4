import CCurl

/// A libcurl `curl_slist` of request header lines, freed with its owner.
final class CurlHeaderList {
    private(set) var list: UnsafeMutablePointer<curl_slist>?

    init(_ lines: [String]) throws(CurlError) {
        for line in lines {
            guard let next = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw CurlError(code: CURLE_OUT_OF_MEMORY, detail: "curl_slist_append")
            }
            list = next
        }
    }

    deinit { curl_slist_free_all(list) }
}
