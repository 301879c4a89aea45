extension DeckLoader {
    /// A deck file's bytes, with the same checks as ``load(path:seed:)`` (exists, is a file,
    /// readable, not absurdly large), for tools that rewrite the file.
    ///
    ///     let bytes = try DeckLoader.read(path: "my.facts")
    public static func read(path: String) throws(DeckFileError) -> [UInt8] {
        try read(path)
    }
}
