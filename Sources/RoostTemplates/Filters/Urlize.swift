/// Jinja's `urlize`: turns URLs and e-mail addresses in text into links, escaping the rest.
enum Urlize {
    static func httpRegex() throws -> Regex<AnyRegexOutput> {
        try Regex(
        #"(?i)^((https?://|www\.)(([\w%-]+\.)+)?([a-z]{2,63}|xn--[\w%]{2,59})|([\w%-]{2,63}\.)+(com|net|int|edu|gov|org|info|mil)|(https?://)((([\d]{1,3})(\.[\d]{1,3}){3})|(\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}])))(?::[\d]{1,5})?(?:[/?#]\S*)?$"#
        ).matchingSemantics(.unicodeScalar)
    }

    static func emailRegex() throws -> Regex<AnyRegexOutput> {
        try Regex(#"^\S+@\w[\w.-]*\.\w+$"#).matchingSemantics(.unicodeScalar)
    }

    static func fullMatch(_ regex: Regex<AnyRegexOutput>, _ s: String) -> Bool {
        (try? regex.wholeMatch(in: s)) != nil
    }

    static func urlize(_ text: String, trimLimit: Int?, rel: String?, target: String?, extraSchemes: [String]) throws -> String {
        let httpRegex = try httpRegex()
        let emailRegex = try emailRegex()
        func trim(_ x: String) -> String {
            guard let limit = trimLimit, x.unicodeScalars.count > limit else { return x }
            return PyString.make(x.unicodeScalars.prefix(limit)) + "..."
        }
        let relAttr = rel.map { " rel=\"\(Escaper.escape($0))\"" } ?? ""
        let targetAttr = target.map { " target=\"\(Escaper.escape($0))\"" } ?? ""
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inSpace: Bool?
        for c in Escaper.escape(text).unicodeScalars {
            let space = c.isPythonSpace
            if let s = inSpace, s != space {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
            inSpace = space
            current.append(c)
        }
        words.append(String(current))
        for (i, word) in words.enumerated() {
            if word.unicodeScalars.first?.isPythonSpace == true { continue }
            var head = ""
            var middle = word
            var tail = ""
            // leading punctuation
            while true {
                if middle.hasPrefix("(") || middle.hasPrefix("<") {
                    head += String(middle.removeFirst())
                } else if middle.hasPrefix("&lt;") {
                    head += "&lt;"
                    middle.removeFirst(4)
                } else {
                    break
                }
            }
            // trailing punctuation
            while true {
                if let last = middle.last, ")>.,\n".contains(last) {
                    tail = String(last) + tail
                    middle.removeLast()
                } else if middle.hasSuffix("&gt;") {
                    tail = "&gt;" + tail
                    middle.removeLast(4)
                } else {
                    break
                }
            }
            for (open, close) in [("(", ")"), ("<", ">"), ("&lt;", "&gt;")] {
                let startCount = PyString.count(middle, open)
                if startCount <= PyString.count(middle, close) { continue }
                for _ in 0..<min(startCount, PyString.count(tail, close)) {
                    let idx = PyString.find(tail, close) + close.unicodeScalars.count
                    let scalars = Array(tail.unicodeScalars)
                    middle += PyString.make(scalars[0..<idx])
                    tail = PyString.make(scalars[idx...])
                }
            }
            if fullMatch(httpRegex, middle) {
                if middle.hasPrefix("https://") || middle.hasPrefix("http://") {
                    middle = "<a href=\"\(middle)\"\(relAttr)\(targetAttr)>\(trim(middle))</a>"
                } else {
                    middle = "<a href=\"https://\(middle)\"\(relAttr)\(targetAttr)>\(trim(middle))</a>"
                }
            } else if middle.hasPrefix("mailto:"), fullMatch(emailRegex, String(middle.dropFirst(7))) {
                middle = "<a href=\"\(middle)\">\(middle.dropFirst(7))</a>"
            } else if middle.contains("@"), !middle.hasPrefix("www."), !middle.contains(":"), fullMatch(emailRegex, middle) {
                middle = "<a href=\"mailto:\(middle)\">\(middle)</a>"
            } else {
                for scheme in extraSchemes where middle.hasPrefix(scheme) && middle != scheme {
                    middle = "<a href=\"\(middle)\"\(relAttr)\(targetAttr)>\(middle)</a>"
                    break
                }
            }
            words[i] = head + middle + tail
        }
        return words.joined()
    }
}
