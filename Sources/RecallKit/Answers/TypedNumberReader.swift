/// A number as a learner typed it: one value (perhaps with two readings) or a range.
enum TypedNumber: Hashable, Sendable {
    /// The readings of one value, most likely first: `681.692` reads as 681.692 or 681,692.
    case single([Double])
    /// `700,000–1.2 million`, `between 700k and 1.2m`.
    case range(low: [Double], high: [Double])
}

/// Reads numbers from learners' responses, forgivingly.
///
/// Accepts digits with any common grouping (`681,692`, `681 692`, `681.692`, `681'692`),
/// decimals (`1.5`, `1,5`), number words (`twenty-five`, `a million`), magnitudes
/// (`1.2 million`, `700k`, `1.2m`, `20 mln`, `1.5bn`), percentages (`45%`, `45 percent`),
/// hedges (`about`, `roughly`, `~`) and trailing unit words (`681,692 people`).
enum TypedNumberReader {
    static let hedgeWords: Set<String> = [
        "about", "around", "approximately", "approx", "roughly", "circa", "ca", "c", "some", "nearly", "almost",
        "estimated", "est", "approximate",
    ]

    static func read(_ text: String) -> TypedNumber? {
        guard text.utf8.count <= NumberLexer.maximumLength else { return nil }
        var parser = QuantityParser(tokens: NumberLexer.tokens(text), mode: .response)
        do {
            return try read(with: &parser)
        } catch {
            return nil
        }
    }

    private static func read(with parser: inout QuantityParser) throws(NumberLexer.LiteralProblem) -> TypedNumber? {
        skipHedges(&parser)
        let result: TypedNumber
        if parser.consume(anyOf: ["between", "from"]) {
            guard let low = try parser.quantity(), parser.consume(anyOf: ["and", "to"]) || parser.consume(symbol: "-"),
                  let high = try parser.quantity() else { return nil }
            result = .range(low: low, high: high)
        } else {
            guard let value = try parser.quantity() else { return nil }
            skipPercent(&parser)
            if parser.consume(anyOf: ["to"]) || parser.consume(symbol: "-") {
                skipHedges(&parser)
                guard let high = try parser.quantity() else { return nil }
                result = .range(low: value, high: high)
            } else {
                result = .single(value)
            }
        }
        skipPercent(&parser)
        // Words may follow (units such as "people"); another number may not.
        for token in parser.remainingTokens {
            if case .literal = token { return nil }
        }
        var rest = parser
        if (try? rest.quantity()) ?? nil != nil { return nil }
        return result
    }

    private static func skipHedges(_ parser: inout QuantityParser) {
        while true {
            if parser.consume(anyOf: hedgeWords) {
                _ = parser.consume(symbol: ".")
            } else if !(parser.consume(symbol: "~") || parser.consume(symbol: "≈") || parser.consume(anyOf: ["an"])) {
                return
            }
        }
    }

    private static func skipPercent(_ parser: inout QuantityParser) {
        if parser.consume(symbol: "%") { return }
        if parser.consume(anyOf: ["percent", "pct"]) { return }
        if parser.consume(anyOf: ["per"]) { _ = parser.consume(anyOf: ["cent"]) }
    }
}
