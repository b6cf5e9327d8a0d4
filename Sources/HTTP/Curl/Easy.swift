import CCurl
import Foundation

/// One libcurl easy handle: the options of a single transfer and what libcurl reports about it.
/// A class because it owns the C handle and the error buffer libcurl writes into.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    /// libcurl writes its detailed failure text here (CURLOPT_ERRORBUFFER); it must outlive the handle.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Header lists must stay alive until the transfer ends, so the handle keeps them.
    private var headerLists: [CurlHeaderList] = []

    init() throws(CurlError) {
        guard let handle = curl_easy_init() else {
            throw CurlError(code: CURLE_FAILED_INIT, detail: "curl_easy_init returned no handle")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(gk_curl_easy_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, largeOffset value: Int64) throws(CurlError) {
        try check(gk_curl_easy_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    /// libcurl copies string options, so the Swift string need not outlive the call.
    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(value.withCString { gk_curl_easy_setopt_string(handle, option, $0) }, option)
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(CurlError) {
        try check(gk_curl_easy_setopt_pointer(handle, option, value), option)
    }

    func set(_ option: CURLoption, callback: gk_curl_data_callback) throws(CurlError) {
        try check(gk_curl_easy_setopt_data_callback(handle, option, callback), option)
    }

    func set(_ option: CURLoption, headers: CurlHeaderList) throws(CurlError) {
        try check(gk_curl_easy_setopt_slist(handle, option, headers.list), option)
        headerLists.append(headers)
    }

    /// libcurl copies the bytes (CURLOPT_COPYPOSTFIELDS), so the array need not outlive the call.
    /// Never a null pointer, even for no bytes: libcurl would then read the body from stdin.
    func set(_ option: CURLoption, copying bytes: [UInt8]) throws(CurlError) {
        let storage = bytes.isEmpty ? [0] : bytes
        let code = storage.withUnsafeBytes { gk_curl_easy_setopt_pointer(handle, option, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
        try check(code, option)
    }

    /// Bytes of request headers sent so far (CURLINFO_REQUEST_SIZE): 0 means the server saw nothing.
    var requestSize: Int {
        var value = 0
        return gk_curl_easy_getinfo_long(handle, CURLINFO_REQUEST_SIZE, &value) == CURLE_OK ? value : 0
    }

    /// The last HTTP status received (0 for file:// and when no response arrived).
    var responseCode: Int {
        var value = 0
        return gk_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &value) == CURLE_OK ? value : 0
    }

    /// How many redirects libcurl followed for this transfer.
    var redirectCount: Int {
        var value = 0
        return gk_curl_easy_getinfo_long(handle, CURLINFO_REDIRECT_COUNT, &value) == CURLE_OK ? value : 0
    }

    /// The failure for `code`, with the detail libcurl left in the error buffer.
    func error(for code: CURLcode) -> CurlError {
        CurlError(code: code, detail: String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard code == CURLE_OK else { throw CurlError(code: code, detail: "option \(option.rawValue)") }
    }
}
