import ArgumentParser

extension Foresite {
    /// The program's entry point. `await Foresite.main()` resolves to ArgumentParser's synchronous `main`
    /// on Linux, which refuses an async root command; this parses and then runs the chosen command,
    /// awaiting it when it is asynchronous, and turns any error into ArgumentParser's one-line message
    /// and exit code.
    public static func start(_ arguments: [String]? = nil) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
