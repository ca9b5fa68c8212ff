// template-benchmark: RoostTemplates vs Leaf (LeafKit) vs swift-mustache on two workloads,
// renders per second. Run it through ./templates.sh, which builds it in release, pins it to one
// CPU, runs Jinja2 (templates_jinja2.py) the same way and prints the comparison table.
//
//   template-benchmark [--templates DIR] [--batches N] [--batch-seconds S] [--warmup-seconds S]
//                      [--clock cpu|wall] [--workloads fortunes,page] [--engines roost,leaf,...]
//                      [--dump DIR]
//
// Workloads (data in Data.swift, identical to templates_jinja2.py's):
//   fortunes  the TechEmpower fortunes page: 13 rows sorted by message, every message escaped
//   page      a page extending a base layout that includes a header and a footer, calling a
//             macro (or the engine's nearest equivalent) for each of 1,000 items with filters
// Engines (each renders its own files under Templates/<engine>/; Roost renders Jinja2's):
//   roost              Encodable structs, encoded to template values inside the timed loop
//   roost-prebuilt     [String: TemplateValue] built once, outside the loop (engine alone)
//   leaf               [String: LeafData] built from the structs inside the timed loop
//   leaf-prebuilt      [String: LeafData] built once
//   mustache           [String: Any] dictionaries built inside the timed loop
//   mustache-prebuilt  [String: Any] built once
// Before timing, each engine's output is compared with Templates/expected/<workload>.html (the
// TechEmpower page, and Jinja2's output for `page`); Leaf and swift-mustache spell `"` as
// `&quot;` instead of `&#34;`, the only difference allowed.
//
// Engines are checked and calibrated one after the other, then timed in interleaved rounds.
// Prints `CHECK <workload> <engine> OK|FAIL ...` and `RESULT <workload> <engine> <renders/s>`
// lines; exits non-zero when an output check fails.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let allEngines = ["roost", "roost-prebuilt", "leaf", "leaf-prebuilt", "mustache", "mustache-prebuilt"]

/// Compares an engine's output with the expected page.
func check(_ output: String, expected: String, engine: String) -> (ok: Bool, note: String) {
    if output == expected { return (true, "byte-identical") }
    if !engine.hasPrefix("roost"), output.replacing("&quot;", with: "&#34;") == expected {
        return (true, "identical once &quot; is written &#34;")
    }
    let a = Array(output.utf8), b = Array(expected.utf8)
    let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    func excerpt(_ bytes: [UInt8]) -> String {
        String(decoding: bytes[max(0, at - 40)..<min(bytes.count, at + 40)], as: UTF8.self).debugDescription
    }
    return (false, "differs at byte \(at) (\(a.count) vs \(b.count) bytes): got \(excerpt(a)), expected \(excerpt(b))")
}

func run() -> Int32 {
    var templates = String(#filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/")) + "/Templates"
    var timing = TimingOptions()
    var workloads = Workload.allCases
    var engines = allEngines
    var dumpDirectory: String?

    var arguments = CommandLine.arguments.dropFirst()
    func value(_ option: String) -> String {
        guard let v = arguments.popFirst() else {
            print("\(option) needs a value")
            exit(2)
        }
        return v
    }
    while let argument = arguments.popFirst() {
        switch argument {
        case "--templates": templates = value(argument)
        case "--batches": timing.batches = Int(value(argument)) ?? timing.batches
        case "--batch-seconds": timing.batchSeconds = Double(value(argument)) ?? timing.batchSeconds
        case "--warmup-seconds": timing.warmupSeconds = Double(value(argument)) ?? timing.warmupSeconds
        case "--workloads": workloads = value(argument).split(separator: ",").compactMap { Workload(rawValue: String($0)) }
        case "--engines": engines = value(argument).split(separator: ",").map(String.init).filter(allEngines.contains)
        case "--dump": dumpDirectory = value(argument)
        case "--clock": timing.cpuClock = value(argument) != "wall"
        case "-h", "--help":
            print("usage: template-benchmark [--templates DIR] [--batches N] [--batch-seconds S] [--warmup-seconds S] [--clock cpu|wall] [--workloads fortunes,page] [--engines \(allEngines.joined(separator: ","))] [--dump DIR]")
            exit(0)
        default:
            print("unknown option \(argument)")
            exit(2)
        }
    }

    let data = BenchmarkData()
    var sink = 0
    var failed = false

    do {
        let roost = try RoostEngine(templates: templates)
        let leaf = try LeafEngine(templates: templates)
        let mustache = try MustacheEngine(templates: templates)
        print("# template-benchmark: \(timing.batches) batches of ~\(timing.batchSeconds) s (\(timing.cpuClock ? "thread CPU time" : "wall-clock time")) after \(timing.warmupSeconds) s warm-up, median renders/s")
        let timer = Timer(timing)
        for workload in workloads {
            let expected = try readFile("\(templates)/expected/\(workload.rawValue).html")
            // Check and calibrate every engine, then time them in interleaved rounds (one batch
            // of each engine per round), so that a change in the machine's background load
            // during the run affects all engines alike instead of skewing the ratios.
            var prepared: [(engine: String, renderer: Renderer, batchSize: Int)] = []
            for engine in engines {
                let renderer: Renderer
                switch engine {
                case "roost": renderer = roost.renderer(workload, data: data)
                case "roost-prebuilt": renderer = try roost.prebuiltRenderer(workload, data: data)
                case "leaf": renderer = leaf.renderer(workload, data: data)
                case "leaf-prebuilt": renderer = leaf.prebuiltRenderer(workload, data: data)
                case "mustache": renderer = mustache.renderer(workload, data: data)
                default: renderer = mustache.prebuiltRenderer(workload, data: data)
                }
                let output = try renderer.output()
                if let dumpDirectory { try writeFile("\(dumpDirectory)/\(workload.rawValue).\(engine).html", output) }
                let (ok, note) = check(output, expected: expected, engine: engine)
                failed = failed || !ok
                print("CHECK \(workload.rawValue) \(engine) \(ok ? "OK" : "FAIL") \(note)")
                prepared.append((engine, renderer, try timer.calibrate(sink: &sink, renderer.run)))
            }
            var rates = [[Double]](repeating: [], count: prepared.count)
            for _ in 0..<timing.batches {
                for (i, p) in prepared.enumerated() {
                    rates[i].append(try timer.rate(p.batchSize, sink: &sink, p.renderer.run))
                }
            }
            for (i, p) in prepared.enumerated() {
                let r = rates[i]
                print("RESULT \(workload.rawValue) \(p.engine) \(Int(median(r).rounded()))  # \(r.count) batches of \(p.batchSize) renders, min \(Int(r.min()!.rounded())), max \(Int(r.max()!.rounded()))")
            }
        }
    } catch {
        print("error: \(error)")
        return 1
    }
    print("# checksum \(sink)")
    return failed ? 1 : 0
}

exit(run())
