import RoostTemplates
import Testing

@Suite("Tests (is …)")
struct BuiltinTestTests {
    let env = TemplateEnvironment()

    static let jinjaTests = [
        "boolean", "callable", "defined", "divisibleby", "eq", "equalto", "escaped", "even", "false", "filter",
        "float", "ge", "gt", "greaterthan", "in", "integer", "iterable", "le", "lower", "lt", "lessthan",
        "mapping", "ne", "none", "number", "odd", "sameas", "sequence", "string", "test", "true", "undefined",
        "upper", "==", "!=", "<", "<=", ">", ">=",
    ]

    @Test(arguments: jinjaTests)
    func everyJinjaTestExists(_ name: String) throws {
        #expect(try env.renderString("{{ '\(name)' is test }}") == "True")
    }

    @Test func testsWorkWithSelectAndReject() throws {
        #expect(try env.renderString("{{ [1, 2, 3, 4, 5, 6]|select('divisibleby', 3)|list }}") == "[3, 6]")
        #expect(try env.renderString("{{ [none, 1, 'a', 2.5]|reject('number')|list }}") == "[None, 'a']")
        #expect(try env.renderString("{{ [1, 5, 9]|select('ge', 5)|list }}") == "[5, 9]")
        #expect(try env.renderString("{{ [1, 5, 9]|select('<', 5)|list }}") == "[1]")
    }

    @Test func definedWorksUnderStrictUndefined() throws {
        var config = TemplateConfiguration()
        config.undefined = .strict
        let strict = TemplateEnvironment(configuration: config)
        #expect(try strict.renderString("{{ x is defined }} {{ x is undefined }} {{ y.z is defined }}", context: ["y": [:]]) == "False True False")
    }

    @Test func customTestsTakeArguments() throws {
        var config = TemplateConfiguration()
        config.registerTest("between") { v, args in
            guard let x = v.intValue, let lo = args[0]?.intValue, let hi = args[1]?.intValue else { return false }
            return lo <= x && x <= hi
        }
        let custom = TemplateEnvironment(configuration: config)
        #expect(try custom.renderString("{{ 5 is between(1, 10) }} {{ 15 is between(1, 10) }} {{ 15 is not between(1, 10) }}") == "True False True")
    }

    @Test func unknownTestsAreCompileErrorsOutsideConditions() {
        #expect(throws: TemplateError.self) { try env.renderString("{{ 1 is frobnicated }}") }
    }
}
