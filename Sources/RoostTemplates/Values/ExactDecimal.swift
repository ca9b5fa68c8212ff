/// The exact decimal expansion of a finite `Double`, used to round and format numbers the way
/// Python does (correct rounding, ties to even on the exact binary value).
struct ExactDecimal {
    /// Decimal digits without leading zeros (empty for zero), most significant first.
    var digits: [UInt8]
    /// The position of the decimal point relative to `digits`: value = 0.d1d2… × 10^point.
    var point: Int

    /// Expands the magnitude of `value` (sign is ignored; `value` must be finite).
    init(_ value: Double) {
        let v = abs(value)
        if v == 0 {
            digits = []
            point = 0
            return
        }
        var mantissa = v.significandBitPattern
        var exponent = Int(v.exponentBitPattern)
        if exponent == 0 {
            exponent = 1 - 1075
        } else {
            mantissa |= (1 << 52)
            exponent -= 1075
        }
        var big = BigUInt(mantissa)
        if exponent >= 0 {
            big.shiftLeft(exponent)
            digits = big.decimalDigits()
            point = digits.count
        } else {
            var k = -exponent
            while k >= 13 {
                big.multiply(by: 1_220_703_125)
                k -= 13
            }
            var p: UInt32 = 1
            for _ in 0..<k { p *= 5 }
            big.multiply(by: p)
            digits = big.decimalDigits()
            point = digits.count + exponent
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
    }

    init(digits: [UInt8], point: Int) {
        self.digits = digits
        self.point = point
    }

    /// Rounds so that only `count` digits are kept (ties to even), returning the result.
    func rounded(keeping count: Int) -> ExactDecimal {
        if count >= digits.count { return self }
        if count < 0 { return ExactDecimal(digits: [], point: point) }
        var kept = Array(digits[0..<count])
        let next = digits[count]
        var roundUp = false
        if next > 5 {
            roundUp = true
        } else if next == 5 {
            let rest = digits[(count + 1)...].contains { $0 != 0 }
            if rest {
                roundUp = true
            } else {
                let lastKept = kept.last ?? 0
                roundUp = lastKept % 2 == 1
            }
        }
        var newPoint = point
        if roundUp {
            var i = kept.count - 1
            while i >= 0 {
                if kept[i] == 9 {
                    kept[i] = 0
                    i -= 1
                } else {
                    kept[i] += 1
                    break
                }
            }
            if i < 0 {
                kept.insert(1, at: 0)
                newPoint += 1
            }
        }
        while let last = kept.last, last == 0 { kept.removeLast() }
        if kept.isEmpty { newPoint = 0 }
        return ExactDecimal(digits: kept, point: newPoint)
    }

    /// Rounds to `places` digits after the decimal point.
    func rounded(fractionDigits places: Int) -> ExactDecimal {
        if digits.isEmpty { return self }
        return rounded(keeping: point + places)
    }

    /// Fixed notation with exactly `places` fraction digits (no sign).
    func fixed(_ places: Int) -> String {
        let r = rounded(fractionDigits: places)
        var s = ""
        if r.point <= 0 {
            s = "0"
        } else {
            for i in 0..<r.point { s.append(Character(Unicode.Scalar(48 + (i < r.digits.count ? r.digits[i] : 0)))) }
        }
        if places > 0 {
            s.append(".")
            for i in 0..<places {
                let idx = r.point + i
                let d: UInt8 = idx >= 0 && idx < r.digits.count ? r.digits[idx] : 0
                s.append(Character(Unicode.Scalar(48 + d)))
            }
        }
        return s
    }

    /// Scientific notation with `places` digits after the point (no sign): `1.50e+03`.
    func scientific(_ places: Int, upper: Bool = false) -> String {
        let r = rounded(keeping: places + 1)
        let exp = r.digits.isEmpty ? 0 : r.point - 1
        var s = String(Character(Unicode.Scalar(48 + (r.digits.first ?? 0))))
        if places > 0 {
            s.append(".")
            for i in 1...places {
                s.append(Character(Unicode.Scalar(48 + (i < r.digits.count ? r.digits[i] : 0))))
            }
        }
        return s + ExactDecimal.exponentSuffix(exp, upper: upper)
    }

    static func exponentSuffix(_ exp: Int, upper: Bool) -> String {
        let mag = abs(exp)
        return (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (mag < 10 ? "0" : "") + String(mag)
    }
}

/// A minimal unsigned big integer for exact decimal expansion.
struct BigUInt {
    var limbs: [UInt32]

    init(_ v: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32)]
    }

    mutating func multiply(by m: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(m) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    mutating func shiftLeft(_ bits: Int) {
        let words = bits / 32
        let rem = bits % 32
        if rem > 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let v = limbs[i]
                limbs[i] = (v << UInt32(rem)) | carry
                carry = v >> UInt32(32 - rem)
            }
            if carry > 0 { limbs.append(carry) }
        }
        if words > 0 { limbs.insert(contentsOf: repeatElement(0, count: words), at: 0) }
    }

    /// Divides in place by `d`, returning the remainder.
    mutating func divide(by d: UInt32) -> UInt32 {
        var rem: UInt64 = 0
        var i = limbs.count - 1
        while i >= 0 {
            let cur = (rem << 32) | UInt64(limbs[i])
            limbs[i] = UInt32(cur / UInt64(d))
            rem = cur % UInt64(d)
            i -= 1
        }
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        return UInt32(rem)
    }

    func decimalDigits() -> [UInt8] {
        var n = self
        while let last = n.limbs.last, last == 0 { n.limbs.removeLast() }
        var chunks: [UInt32] = []
        while !n.limbs.isEmpty { chunks.append(n.divide(by: 1_000_000_000)) }
        var out: [UInt8] = []
        for (i, chunk) in chunks.reversed().enumerated() {
            var part: [UInt8] = []
            var c = chunk
            for _ in 0..<9 {
                part.append(UInt8(c % 10))
                c /= 10
            }
            part.reverse()
            if i == 0 { while part.count > 1, part.first == 0 { part.removeFirst() } }
            out += part
        }
        while out.count > 1, out.first == 0 { out.removeFirst() }
        if out == [0] { return [] }
        return out
    }
}
