/// An IP address or a CIDR block (`10.0.0.0/8`, `2001:db8::/32`, `127.0.0.1`), for trusted
/// proxy lists.
///
/// ```swift
/// let range = IPAddressRange("10.0.0.0/8")!
/// range.contains("10.1.2.3")       // true
/// range.contains("::ffff:10.1.2.3") // true: IPv4-mapped addresses match IPv4 ranges
/// ```
public struct IPAddressRange: Sendable, Hashable, CustomStringConvertible {
    /// The network's bytes (4 for IPv4, 16 for IPv6).
    let network: [UInt8]
    /// The prefix length in bits.
    let prefixLength: Int

    /// Parses an address or a block.
    /// - Parameter text: `a.b.c.d`, `a.b.c.d/n`, an IPv6 address, or an IPv6 address with `/n`.
    /// - Returns: `nil` when the text is not an address or the prefix is out of range.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddressRange.parse(parts[0]) else { return nil }
        let maxBits = address.count * 8
        var prefix = maxBits
        if parts.count == 2 {
            guard let bits = Int(parts[1]), (0...maxBits).contains(bits) else { return nil }
            prefix = bits
        }
        self.network = IPAddressRange.mask(address, prefix)
        self.prefixLength = prefix
    }

    /// Whether `address` (as text) lies in the range.
    public func contains(_ address: String) -> Bool {
        guard let bytes = IPAddressRange.parse(Substring(address)) else { return false }
        return contains(bytes: bytes)
    }

    func contains(bytes: [UInt8]) -> Bool {
        var bytes = bytes
        if bytes.count == 16, network.count == 4, Array(bytes[0..<12]) == IPAddressRange.mappedPrefix {
            bytes = Array(bytes[12...])
        }
        guard bytes.count == network.count else { return false }
        return IPAddressRange.mask(bytes, prefixLength) == network
    }

    public var description: String {
        let address: String
        if network.count == 4 {
            address = network.map(String.init).joined(separator: ".")
        } else {
            address = stride(from: 0, to: 16, by: 2).map { String(UInt16(network[$0]) << 8 | UInt16(network[$0 + 1]), radix: 16) }
                .joined(separator: ":")
        }
        return "\(address)/\(prefixLength)"
    }

    static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    static func mask(_ bytes: [UInt8], _ prefix: Int) -> [UInt8] {
        var masked = bytes
        for index in masked.indices {
            let bitsHere = max(0, min(8, prefix - index * 8))
            masked[index] &= bitsHere == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsHere))
        }
        return masked
    }

    /// The bytes of an IPv4 or IPv6 address, or `nil`.
    static func parse(_ text: Substring) -> [UInt8]? {
        var text = text
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }  // zone index
        if text.first == "[", text.last == "]" { text = text.dropFirst().dropLast() }
        return text.contains(":") ? parseIPv6(text) : parseIPv4(text)
    }

    static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for piece in pieces {
            guard !piece.isEmpty, piece.count <= 3, piece.allSatisfy(\.isASCII), let value = UInt8(piece) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func parseIPv6(_ text: Substring) -> [UInt8]? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let v4 = parseIPv4(piece) else { return nil }
                    bytes += v4
                } else {
                    guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
