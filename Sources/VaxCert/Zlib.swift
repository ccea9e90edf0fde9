import CZlib

/// zlib (RFC 1950), as an HC1 payload is compressed between its COSE message and its Base45 text.
public enum Zlib {
    public enum Failure: Error, Equatable {
        /// The bytes are not a zlib stream, or it stops before its end.
        case notZlib
        /// Inflated, the stream would be larger than any certificate is: refused before it is.
        case tooLarge
    }

    /// The bytes compressed at the best level (the size of the QR code is what matters).
    public static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var size = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &size, source.baseAddress, uLong(bytes.count), Z_BEST_COMPRESSION)
            }
        }
        // compressBound is the worst case by definition: compress2 cannot run out of room.
        precondition(status == Z_OK, "compress2 failed with \(status)")
        return Array(out.prefix(Int(size)))
    }

    /// The bytes inflated, at most `limit` of them: a QR code holds under 3 kB, so a stream that inflates
    /// past the limit is hostile and is stopped before it takes the memory.
    public static func decompress(_ bytes: [UInt8], limit: Int = 1 << 20) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Failure.notZlib }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var input = bytes
        return try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                out += chunk.prefix(chunk.count - Int(stream.avail_out))
                guard out.count <= limit else { throw Failure.tooLarge }
                switch status {
                case Z_STREAM_END: return out
                case Z_OK where stream.avail_in > 0 || stream.avail_out == 0: continue
                default: throw Failure.notZlib
                }
            }
        }
    }
}
