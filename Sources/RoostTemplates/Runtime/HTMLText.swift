/// HTML text helpers with markupsafe's behaviour: `striptags` and `unescape`.
enum HTMLText {
    /// Removes comments and tags, collapses whitespace and unescapes entities.
    static func striptags(_ text: String) -> String {
        var value = Array(text.utf8)
        let commentOpen = Array("<!--".utf8)
        let commentClose = Array("-->".utf8)
        while let start = ByteSearch.find(commentOpen, in: value, from: 0) {
            guard let end = ByteSearch.find(commentClose, in: value, from: start) else { break }
            value.removeSubrange(start..<(end + 3))
        }
        while let start = value.firstIndex(of: 0x3C) {
            guard let end = value[start...].firstIndex(of: 0x3E) else { break }
            value.removeSubrange(start...end)
        }
        let collapsed = PyString.split(String(decoding: value, as: UTF8.self), nil).joined(separator: " ")
        return unescape(collapsed)
    }

    static let cp1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// Python's `html.unescape`.
    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(0x26) else { return text }
        let sc = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < sc.count {
            guard sc[i] == "&" else {
                out.append(sc[i])
                i += 1
                continue
            }
            if i + 1 < sc.count, sc[i + 1] == "#" {
                var j = i + 2
                var hex = false
                if j < sc.count, sc[j] == "x" || sc[j] == "X" {
                    hex = true
                    j += 1
                }
                let digitsStart = j
                while j < sc.count, hex ? sc[j].properties.isASCIIHexDigit : ("0"..."9").contains(sc[j]) { j += 1 }
                if j > digitsStart {
                    let digits = PyString.make(sc[digitsStart..<j])
                    var num = UInt32(clamping: Int(digits, radix: hex ? 16 : 10) ?? 0x110000)
                    if digits.count > 8 { num = 0x110000 }
                    if j < sc.count, sc[j] == ";" { j += 1 }
                    if let mapped = cp1252[num] { num = mapped }
                    if num == 0 || num == 0x0D && false || (0xD800...0xDFFF).contains(num) || num > 0x10FFFF {
                        out.append("\u{FFFD}")
                    } else if num == 0x81 || num == 0x8D || num == 0x8F || num == 0x90 || num == 0x9D {
                        out.append(Unicode.Scalar(num)!)
                    } else if (0x1...0x8).contains(num) || (0xE...0x1F).contains(num) || (0x7F...0x9F).contains(num)
                        || (0xFDD0...0xFDEF).contains(num) || num == 0xB || num & 0xFFFE == 0xFFFE {
                        // invalid code points are dropped
                    } else {
                        out.append(Unicode.Scalar(num)!)
                    }
                    i = j
                    continue
                }
                out.append(sc[i])
                i += 1
                continue
            }
            // named reference: up to 32 characters not in "\t\n\f <&#;"
            var j = i + 1
            while j < sc.count, j - i <= 32, !"\t\n\u{0C} <&#;".unicodeScalars.contains(sc[j]) { j += 1 }
            let name = PyString.make(sc[(i + 1)..<j])
            if j < sc.count, sc[j] == ";", let v = HTMLEntities.named[name] {
                out.append(contentsOf: v.unicodeScalars)
                i = j + 1
                continue
            }
            // longest legacy prefix without semicolon
            var matched = false
            var k = name.unicodeScalars.count
            let nameScalars = Array(name.unicodeScalars)
            while k > 1 {
                let prefix = PyString.make(nameScalars[0..<k])
                if let v = HTMLEntities.legacy[prefix] {
                    out.append(contentsOf: v.unicodeScalars)
                    i = i + 1 + k
                    matched = true
                    break
                }
                k -= 1
            }
            if !matched {
                out.append(sc[i])
                i += 1
            }
        }
        return String(out)
    }
}
