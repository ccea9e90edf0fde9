import Foundation
import Testing
@testable import VaxCore

@Suite("Handing rows between threads")
struct PipeTests {
    @Test("every element arrives once, in order, however the chunks fall")
    func inOrder() {
        let (pipe, result) = Pipe<Int>.produce(capacity: 2) { send -> Int in
            var sent = 0
            for start in stride(from: 0, to: 10_000, by: 7) {
                _ = send(Array(start..<min(start + 7, 10_000)))
                sent += 1
            }
            _ = send([])
            return sent
        }
        #expect(Array(pipe) == Array(0..<10_000))
        #expect(result() == 1_429)
    }

    @Test("a consumer that stops closes the pipe, and the producer is told so instead of waiting forever")
    func closed() {
        let (pipe, result) = Pipe<Int>.produce(capacity: 1) { send -> Int in
            var accepted = 0
            for chunk in 0..<1_000 where send([chunk]) { accepted += 1 }
            return accepted
        }
        #expect(pipe.next() == 0)
        pipe.close()
        #expect(result() < 1_000)
    }
}

@Suite("Record identifiers")
struct RecordIDTests {
    @Test("time-ordered UUIDs are version 7, unique and increasing, and written like uuidString")
    func timeOrdered() {
        let ids = (0..<20_000).map { _ in UUID.timeOrdered() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.map(\.text) == ids.map(\.uuidString))
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0.text < $1.text })
        #expect(ids.allSatisfy { $0.text.dropFirst(14).first == "7" })
        #expect(ids.allSatisfy { "89AB".contains($0.text.dropFirst(19).first!) })
    }
}
