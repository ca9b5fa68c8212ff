/// `lipsum()`: random lorem-ipsum paragraphs shaped like Jinja's (random commas and full
/// stops, capitalised sentences, `<p>` paragraphs when `html` is true).
enum Lipsum {
    static let words = """
        a ac accumsan ad adipiscing aenean aliquam aliquet amet ante aptent arcu at auctor augue bibendum \
        blandit class commodo condimentum congue consectetuer consequat conubia convallis cras cubilia cum \
        curabitur curae cursus dapibus diam dictum dictumst dignissim dis dolor donec dui duis egestas eget \
        eleifend elementum elit enim erat eros est et etiam eu euismod facilisi facilisis fames faucibus felis \
        fermentum feugiat fringilla fusce gravida habitant habitasse hac hendrerit hymenaeos iaculis id \
        imperdiet in inceptos integer interdum ipsum justo lacinia lacus laoreet lectus leo libero ligula \
        litora lobortis lorem luctus maecenas magna magnis malesuada massa mattis mauris metus mi molestie \
        mollis montes morbi mus nam nascetur natoque nec neque netus nibh nisi nisl non nonummy nostra nulla \
        nullam nunc odio orci ornare parturient pede pellentesque penatibus per pharetra phasellus placerat \
        platea porta porttitor posuere potenti praesent pretium primis proin pulvinar purus quam quis quisque \
        rhoncus ridiculus risus rutrum sagittis sapien scelerisque sed sem semper senectus sit sociis sociosqu \
        sodales sollicitudin suscipit suspendisse taciti tellus tempor tempus tincidunt torquent tortor \
        tristique turpis ullamcorper ultrices ultricies urna ut varius vehicula vel velit venenatis vestibulum \
        vitae vivamus viverra volutpat vulputate
        """.split(separator: " ").map(String.init)

    static func generate(n: Int, html: Bool, min: Int, max: Int) -> TemplateValue {
        var paragraphs: [String] = []
        for _ in 0..<Swift.max(0, n) {
            var capitalize = true
            var lastComma = 0
            var lastFullStop = 0
            var last = ""
            var p: [String] = []
            let count = max > min ? Int.random(in: min..<max) : min
            for idx in 0..<count {
                var word = words.randomElement()!
                while word == last { word = words.randomElement()! }
                last = word
                if capitalize {
                    word = PyString.capitalize(word)
                    capitalize = false
                }
                if idx - Int.random(in: 3..<8) > lastComma {
                    lastComma = idx
                    lastFullStop += 2
                    word += ","
                }
                if idx - Int.random(in: 10..<20) > lastFullStop {
                    lastComma = idx
                    lastFullStop = idx
                    word += "."
                    capitalize = true
                }
                p.append(word)
            }
            var text = p.joined(separator: " ")
            if text.hasSuffix(",") {
                text.removeLast()
                text += "."
            } else if !text.hasSuffix(".") {
                text += "."
            }
            paragraphs.append(text)
        }
        if !html { return .string(paragraphs.joined(separator: "\n\n")) }
        return .markup(paragraphs.map { "<p>\(Escaper.escape($0))</p>" }.joined(separator: "\n"))
    }
}
