import CCurl

/// One libcurl multi handle: drives several easy handles at once on the calling thread,
/// and keeps the connection and DNS caches that later transfers reuse.
final class CurlMulti {
    private let handle: UnsafeMutableRawPointer

    init() throws(CurlError) {
        guard let handle = curl_multi_init() else {
            throw CurlError(code: CURLE_FAILED_INIT, detail: "curl_multi_init returned no handle")
        }
        self.handle = handle
    }

    deinit { curl_multi_cleanup(handle) }

    func add(_ easy: CurlEasy) throws(CurlError) {
        try check(curl_multi_add_handle(handle, easy.handle))
    }

    func remove(_ easy: CurlEasy) {
        _ = curl_multi_remove_handle(handle, easy.handle)
    }

    /// Advances every transfer as far as it can go without blocking; returns how many still run.
    @discardableResult
    func perform() throws(CurlError) -> Int {
        var running: Int32 = 0
        try check(curl_multi_perform(handle, &running))
        return Int(running)
    }

    /// Waits until a transfer has something to do, or `milliseconds` pass.
    func poll(milliseconds: Int) throws(CurlError) {
        var ready: Int32 = 0
        try check(curl_multi_poll(handle, nil, 0, Int32(clamping: max(0, milliseconds)), &ready))
    }

    /// The transfers that finished since the last call, each with libcurl's result code.
    func completed() -> [(easy: UnsafeMutableRawPointer, code: CURLcode)] {
        var done: [(easy: UnsafeMutableRawPointer, code: CURLcode)] = []
        var left: Int32 = 0
        while let message = curl_multi_info_read(handle, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            done.append((easy, message.pointee.data.result))
        }
        return done
    }

    private func check(_ code: CURLMcode) throws(CurlError) {
        guard code == CURLM_OK else {
            throw CurlError(multi: code)
        }
    }
}
