import ArgumentParser
import Foundation
import RoostTemplates

/// `roost template …`: work with Jinja-compatible templates outside an app.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render Jinja2-compatible templates.",
        subcommands: [TemplateRenderCommand.self]
    )
}

/// `roost template render --dir DIR [--context FILE.json] [--strict-undefined] NAME`.
///
/// Prints exactly what Jinja2 prints for `Environment(loader=FileSystemLoader(DIR))` with
/// autoescaping for `.html`, `.htm` and `.xml` names and `template.render(**context)`; no
/// newline is added. Template errors go to standard error with a non-zero exit status.
struct TemplateRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render template NAME from DIR to standard output."
    )

    @Option(name: .long, help: "The template directory.")
    var dir: String

    @Option(name: .long, help: "A JSON file whose top-level object holds the template variables.")
    var context: String?

    @Flag(name: .long, help: "Raise an error on any use of an undefined variable.")
    var strictUndefined = false

    @Argument(help: "The template name, relative to DIR.")
    var name: String

    func run() throws {
        do {
            let variables = try loadContext()
            var configuration = TemplateConfiguration()
            configuration.autoescape = .htmlExtensions
            if strictUndefined { configuration.undefined = .strict }
            let env = TemplateEnvironment(loader: DirectoryLoader(paths: [dir]), configuration: configuration)
            var bytes: [UInt8] = []
            try env.render(name, context: variables, into: &bytes)
            FileHandle.standardOutput.write(Data(bytes))
        } catch let error as TemplateError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as ContextFileError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Reads the `--context` file: a JSON object, numbers keeping Python's int/float split.
    func loadContext() throws -> [String: TemplateValue] {
        guard let context else { return [:] }
        guard let data = FileManager.default.contents(atPath: context) else {
            throw ContextFileError(message: "cannot read context file '\(context)'")
        }
        let value = try TemplateValue.parseJSON(String(decoding: data, as: UTF8.self))
        guard case .dict(let dict) = value else {
            throw ContextFileError(message: "the context file must hold a JSON object, not \(value.typeName)")
        }
        var variables: [String: TemplateValue] = [:]
        for (key, value) in zip(dict.keys, dict.values) { variables[key.printed] = value }
        return variables
    }
}

/// A problem with the `--context` file.
struct ContextFileError: Error {
    let message: String
}
