import Foundation

/// Runs `body` on a thread with a 512 KiB stack and waits for it. The CLI reads its files on
/// its main thread (8 MiB), and on Linux the threads Swift Testing runs tests on have 8 MiB
/// too (measured: `pthread_getattr_np`), so the small stack is set here explicitly: a stack
/// overflow takes the whole test run down, and a run that returns on a sixteenth of the real
/// stack shows a reader stays far inside it. (In a debug build the deepest input the nesting
/// limits allow needs about 320 KiB; release frames are smaller.)
public func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let box = SmallStackResult<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.result = Result { try body() }
        done.signal()
    }
    thread.stackSize = 512 << 10
    thread.start()
    done.wait()
    return try box.result!.get()
}

private final class SmallStackResult<T>: @unchecked Sendable { var result: Result<T, Error>? }
