import Foundation
import RoostDatabase
@testable import RoostORM
import Testing

struct KeyPositionsTests {
    @Test func findsTheFirstPositionOfEachKey() {
        var positions = KeyPositions(capacity: 4)
        #expect(positions.insert(.int(42), at: 0) == nil)
        #expect(positions.insert(.int(-7), at: 1) == nil)
        #expect(positions.insert(.int(42), at: 2) == 0, "a key listed again reports its first position")
        #expect(positions.insert(.string("a"), at: 3) == nil)
        #expect(positions.insert(.string("a"), at: 4) == 3)
        #expect(positions.position(of: .int(42)) == 0)
        #expect(positions.position(of: .int(-7)) == 1)
        #expect(positions.position(of: .string("a")) == 3)
        #expect(positions.position(of: .int(3)) == nil)
        #expect(positions.position(of: .string("42")) == nil, "text is not an integer key")
        #expect(positions.position(of: .null) == nil)
        #expect(!positions.holdsOnlyIntegers)
    }

    @Test func growsPastItsCapacity() {
        var positions = KeyPositions(capacity: 2)
        for key in 0..<1_000 { #expect(positions.insert(.int(Int64(key) * 1_024), at: key) == nil) }
        for key in 0..<1_000 { #expect(positions.position(of: .int(Int64(key) * 1_024)) == key) }
        #expect(positions.position(of: .int(1)) == nil)
        #expect(positions.holdsOnlyIntegers)
    }

    /// Keys that share their low bits, or sit at the ends of the range, still each find
    /// their own position.
    @Test func keepsKeysThatLookAlikeApart() {
        let keys: [Int64] = [0, 1, -1, .min, .max, 1 << 32, 1 << 48, (1 << 32) + 1, 65_536, 131_072]
        var positions = KeyPositions(capacity: keys.count)
        for (index, key) in keys.enumerated() { #expect(positions.insert(.int(key), at: index) == nil) }
        for (index, key) in keys.enumerated() { #expect(positions.position(of: .int(key)) == index) }
    }

    @Test func looksUpUUIDKeysByValue() {
        let ids = (0..<50).map { _ in UUID() }
        var positions = KeyPositions(capacity: ids.count)
        for (index, id) in ids.enumerated() { #expect(positions.insert(.uuid(id), at: index) == nil) }
        for (index, id) in ids.enumerated() { #expect(positions.position(of: .uuid(id)) == index) }
        #expect(positions.position(of: .uuid(UUID())) == nil)
    }
}
