/// Python's text forms of `float`: `repr`/`str`, `round()` and the `%`/`format` conversions.
enum PythonFloat {
    /// Python's `repr(float)`: shortest round-trip digits, `1.0`, `1e+16`, `1e-05`, `inf`, `nan`.
    static func repr(_ d: Double) -> String {
        // Swift's shortest round-trip form is Python's wherever Swift does not switch to
        // exponent notation (it does so from 2^53, Python only from 1e16).
        let magnitude = abs(d)
        if magnitude >= 1e-4 && magnitude < 9007199254740992.0 { return d.description }
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (digits, point) = shortestDigits(d)
        let exp = point - 1
        var s = d < 0 ? "-" : ""
        if exp >= -4 && exp < 16 {
            if point <= 0 {
                s += "0." + String(repeating: "0", count: -point) + digits
            } else if point >= digits.count {
                s += digits + String(repeating: "0", count: point - digits.count) + ".0"
            } else {
                let i = digits.index(digits.startIndex, offsetBy: point)
                s += digits[..<i] + "." + digits[i...]
            }
        } else {
            let first = digits.prefix(1)
            let rest = digits.dropFirst()
            s += first + (rest.isEmpty ? "" : "." + rest) + ExactDecimal.exponentSuffix(exp, upper: false)
        }
        return s
    }

    /// Shortest round-trip decimal digits of `|d|` and the point position (0.DIGITS × 10^point).
    static func shortestDigits(_ d: Double) -> (String, Int) {
        let text = abs(d).description
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        var point = 0
        var seenPoint = false
        for c in mantissa {
            if c == "." {
                seenPoint = true
                continue
            }
            digits.append(c)
            if !seenPoint { point += 1 }
        }
        // strip leading zeros
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return ("0", 1) }
        return (digits, point + exp)
    }

    /// Python's `round(x, ndigits)` for floats: exact ties-to-even on the binary value.
    /// Exact powers of ten representable as doubles.
    static let powersOfTen: [Double] = (0...22).map { n in
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// `|x| × 10^n` rounded to an integer exactly as the decimal value of `x` would round
    /// (ties to even), or `nil` when the fast exact method does not apply.
    ///
    /// The product is computed with its exact rounding error (fused multiply-add), which
    /// decides the cases where the rounded product sits on or near a half.
    @inline(__always)
    static func roundedScaled(_ x: Double, _ n: Int) -> Double? {
        let p = powersOfTen[n]
        let y = x * p
        guard y < 4.0e15, y >= 1e-300 || y == 0 else { return nil }
        let error = (-y).addingProduct(x, p)
        let floor = y.rounded(.down)
        let d = (y - floor) - 0.5
        if d > 0 { return floor + 1 }
        if d < 0 { return floor }
        if error > 0 { return floor + 1 }
        if error < 0 { return floor }
        return floor.truncatingRemainder(dividingBy: 2) == 0 ? floor : floor + 1
    }

    static func round(_ x: Double, _ ndigits: Int) -> Double {
        guard x.isFinite else { return x }
        if ndigits >= 0 && ndigits <= 22, let r = roundedScaled(abs(x), ndigits) {
            let result = r / powersOfTen[ndigits]
            return x < 0 ? -result : result
        }
        if ndigits > 308 { return x }
        if ndigits < -308 { return 0.0 * x }
        let exact = ExactDecimal(x).rounded(fractionDigits: ndigits)
        if exact.digits.isEmpty { return x < 0 ? -0.0 : 0.0 }
        var s = x < 0 ? "-0." : "0."
        for d in exact.digits { s.append(Character(Unicode.Scalar(48 + d))) }
        s += "e\(exact.point)"
        return Double(s) ?? x
    }

    /// `%.Nf` without sign.
    static func fixed(_ x: Double, _ places: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return "inf" }
        if places <= 15, let r = roundedScaled(abs(x), places) {
            // Write the digits right to left into a small buffer, with the point inserted.
            var n = UInt64(r)
            return String(unsafeUninitializedCapacity: 40) { buf in
                var tmp: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
                return withUnsafeMutableBytes(of: &tmp) { raw in
                    var i = 40
                    var written = 0
                    repeat {
                        if written == places && places > 0 {
                            i -= 1
                            raw[i] = 0x2E
                        }
                        i -= 1
                        raw[i] = UInt8(48 + n % 10)
                        n /= 10
                        written += 1
                    } while n > 0 || written <= places
                    let count = 40 - i
                    for k in 0..<count { buf[k] = raw[i + k] }
                    return count
                }
            }
        }
        return ExactDecimal(x).fixed(places)
    }

    /// `%.Ne` without sign.
    static func scientific(_ x: Double, _ places: Int, upper: Bool) -> String {
        if x.isNaN { return upper ? "NAN" : "nan" }
        if x.isInfinite { return upper ? "INF" : "inf" }
        return ExactDecimal(x).scientific(places, upper: upper)
    }

    /// `%.Ng` without sign; `alternate` keeps trailing zeros (`#` flag).
    static func general(_ x: Double, _ precision: Int, upper: Bool, alternate: Bool = false) -> String {
        if x.isNaN { return upper ? "NAN" : "nan" }
        if x.isInfinite { return upper ? "INF" : "inf" }
        let p = precision == 0 ? 1 : precision
        let exact = ExactDecimal(x)
        let r = exact.rounded(keeping: p)
        let exp = r.digits.isEmpty ? 0 : r.point - 1
        var s: String
        if exp >= -4 && exp < p {
            s = exact.fixed(p - 1 - exp)
        } else {
            s = exact.scientific(p - 1, upper: upper)
        }
        if !alternate {
            s = stripTrailingZeros(s)
        }
        return s
    }

    /// Removes trailing fraction zeros (and a bare point) from a fixed or scientific number.
    static func stripTrailingZeros(_ s: String) -> String {
        var mantissa = s
        var suffix = ""
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(s[..<e])
            suffix = String(s[e...])
        }
        if mantissa.contains(".") {
            while mantissa.last == "0" { mantissa.removeLast() }
            if mantissa.last == "." { mantissa.removeLast() }
        }
        return mantissa + suffix
    }
}
