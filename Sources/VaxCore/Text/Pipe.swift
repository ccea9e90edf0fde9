import Foundation

/// Hands elements from one thread to another in chunks, with a bound on how many chunks wait: a roster
/// import reads and checks rows on one core while the store writes on the other.
///
/// The producer calls `send` and finally `finish`; the consumer iterates. `send` blocks while the
/// consumer is `capacity` chunks behind, so memory stays bounded however big the file.
public final class Pipe<Element: Sendable>: Sequence, IteratorProtocol, @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[Element]] = []
    private var current: [Element] = []
    private var position = 0
    private var finished = false
    private var closed = false
    private let capacity: Int

    public init(capacity: Int = 4) {
        self.capacity = capacity
    }

    /// Hands a chunk over; false when the consumer has closed the pipe (the producer should stop).
    @discardableResult
    public func send(_ chunk: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !closed { condition.wait() }
        if closed { return false }
        if !chunk.isEmpty { chunks.append(chunk) }
        condition.broadcast()
        return true
    }

    /// The consumer stops reading (it failed): waiting and later sends return at once.
    public func close() {
        condition.lock()
        closed = true
        chunks = []
        condition.broadcast()
        condition.unlock()
    }

    public func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    public func next() -> Element? {
        if position < current.count {
            defer { position += 1 }
            return current[position]
        }
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        current = chunks.removeFirst()
        position = 1
        condition.broadcast()
        return current.first
    }

    /// Runs `produce` on a thread of its own, which gets a `send` function and finishes the pipe when it
    /// returns; `result` waits for what it returned.
    public static func produce<Result: Sendable>(
        capacity: Int = 4, _ produce: @escaping @Sendable (_ send: ([Element]) -> Bool) -> Result
    ) -> (Pipe<Element>, result: () -> Result) {
        let pipe = Pipe(capacity: capacity)
        let box = ResultBox<Result>()
        let thread = Thread {
            box.set(produce(pipe.send))
            pipe.finish()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return (pipe, box.wait)
    }
}

/// A value set by one thread and waited for by another.
final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    func set(_ newValue: Value) {
        condition.lock()
        value = newValue
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
