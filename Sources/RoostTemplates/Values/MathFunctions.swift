/// Elementary functions the standard library lacks (`pow`, `log`, `exp`). Integer and half
/// powers are exact or correctly rounded; other powers are computed in extended precision
/// (80-bit on x86) so the final rounding to `Double` matches the C library in practice.
enum MathFunctions {
    #if arch(x86_64) || arch(i386)
    typealias Wide = Float80
    #else
    typealias Wide = Double
    #endif

    static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        if y == 0.5 && x >= 0 { return x.squareRoot() }
        if y.rounded(.towardZero) == y && abs(y) <= 64 {
            var result: Wide = 1
            var base = Wide(x)
            var e = Int(abs(y))
            while e > 0 {
                if e & 1 == 1 { result *= base }
                e >>= 1
                if e > 0 { base *= base }
            }
            return Double(y < 0 ? 1 / result : result)
        }
        if x == 0 { return y > 0 ? 0 : .infinity }
        if x.isInfinite { return y > 0 ? (x < 0 && isOddInteger(y) ? -.infinity : .infinity) : 0 }
        if x < 0 {
            // only integral exponents reach here for negative bases
            let r = Double(exp(Wide(y) * log(Wide(-x))))
            return isOddInteger(y) ? -r : r
        }
        return Double(exp(Wide(y) * log(Wide(x))))
    }

    static func isOddInteger(_ y: Double) -> Bool {
        y.rounded(.towardZero) == y && abs(y) < 9e15 && Int(y) % 2 != 0
    }

    static let ln2: Wide = 0.693147180559945309417232121458176568

    static func log(_ x: Wide) -> Wide {
        if x < 0 || x.isNaN { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        var m = x.significand
        var e = Wide(x.exponent)
        if m > 1.41421356237309504880168872420969808 {
            m /= 2
            e += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var term = s
        var sum: Wide = 0
        var k: Wide = 1
        while true {
            let add = term / k
            if abs(add) < 1e-24 { break }
            sum += add
            term *= s2
            k += 2
        }
        return 2 * sum + e * ln2
    }

    static func exp(_ z: Wide) -> Wide {
        if z.isNaN { return z }
        if z > 11356 { return .infinity }
        if z < -11400 { return 0 }
        let k = (z / ln2).rounded()
        let r = z - k * ln2
        var term: Wide = 1
        var sum: Wide = 1
        var n: Wide = 1
        while abs(term) > 1e-24 {
            term *= r / n
            sum += term
            n += 1
        }
        return Wide(sign: .plus, exponent: Int(k), significand: 1) * sum
    }
}
