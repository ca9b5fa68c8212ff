/// Elementary functions the standard library lacks (`pow`, `log`, `exp`), implemented with
/// care for accuracy; integer and half powers are exact or correctly rounded.
enum MathFunctions {
    static let ln2 = 0.693147180559945309417232121458

    static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        if y == 0.5 && x >= 0 { return x.squareRoot() }
        if y.rounded(.towardZero) == y && abs(y) <= 4096 {
            var result = 1.0
            var base = x
            var e = Int(abs(y))
            while e > 0 {
                if e & 1 == 1 { result *= base }
                e >>= 1
                if e > 0 { base *= base }
            }
            return y < 0 ? 1 / result : result
        }
        if x < 0 {
            // only integral exponents reach here for negative bases (larger than 4096)
            let r = exp(y * log(-x))
            return y.truncatingRemainder(dividingBy: 2) == 0 ? r : -r
        }
        if x == 0 { return y > 0 ? 0 : .infinity }
        if x.isInfinite { return y > 0 ? .infinity : 0 }
        return exp(y * log(x))
    }

    static func log(_ x: Double) -> Double {
        if x < 0 || x.isNaN { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        var m = x.significand
        var e = Double(x.exponent)
        if m > 1.4142135623730951 {
            m /= 2
            e += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var term = s
        var sum = 0.0
        var k = 1.0
        while true {
            let add = term / k
            if abs(add) < 1e-20 { break }
            sum += add
            term *= s2
            k += 2
        }
        return 2 * sum + e * ln2
    }

    static func exp(_ z: Double) -> Double {
        if z.isNaN { return z }
        if z > 709.8 { return .infinity }
        if z < -745.2 { return 0 }
        let k = (z / ln2).rounded()
        let r = z - k * ln2
        var term = 1.0
        var sum = 1.0
        var n = 1.0
        while abs(term) > 1e-18 {
            term *= r / n
            sum += term
            n += 1
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }
}
