import Foundation
import Testing

/// docs/editors/facts.tmLanguage.json: valid JSON, every regex compiles, and its rules match
/// the parts of a sample deck that docs/editors/README.md says they do.
@Suite struct EditorGrammarTests {
    let grammar: [String: Any]

    init() throws {
        let url = AuthoringSamples.root.appendingPathComponent("docs/editors/facts.tmLanguage.json")
        grammar = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    func rule(_ name: String) throws -> [String: Any] {
        let repository = try #require(grammar["repository"] as? [String: Any])
        return try #require(repository[name] as? [String: Any], "no rule \(name)")
    }

    func regex(_ rule: String, _ key: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: try #require(try self.rule(rule)[key] as? String))
    }

    /// The captured groups of the first match in `text` (nil for a group that did not take part), or nil.
    func captures(_ rule: String, _ key: String = "match", in text: String) throws -> [String?]? {
        let expression = try regex(rule, key)
        let range = NSRange(text.startIndex..., in: text)
        guard let match = expression.firstMatch(in: text, range: range) else { return nil }
        return (0..<match.numberOfRanges).map { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
    }

    func matches(_ rule: String, _ key: String = "match", in text: String) throws -> [String] {
        let expression = try regex(rule, key)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    @Test func everyRegexCompilesAndEveryScopeIsAFactsScope() throws {
        var patterns: [String] = []
        var scopes: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    if ["match", "begin", "end"].contains(key), let pattern = child as? String { patterns.append(pattern) }
                    if ["name", "contentName"].contains(key), let scope = child as? String { scopes.append(scope) }
                    walk(child)
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(grammar["repository"] as Any)
        #expect(patterns.count >= 15)
        for pattern in patterns {
            #expect(throws: Never.self, "\(pattern)") { _ = try NSRegularExpression(pattern: pattern) }
        }
        #expect(scopes.allSatisfy { $0.hasSuffix(".facts") }, "\(scopes.filter { !$0.hasSuffix(".facts") })")
        #expect(grammar["scopeName"] as? String == "source.facts")
        // Every include names a rule that exists.
        let text = String(data: try JSONSerialization.data(withJSONObject: grammar), encoding: .utf8)!
        let repository = try #require(grammar["repository"] as? [String: Any])
        for include in try NSRegularExpression(pattern: "\"include\":\"#([a-z-]+)\"").matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let name = String(text[Range(include.range(at: 1), in: text)!])
            #expect(repository[name] != nil, "missing rule \(name)")
        }
    }

    @Test func commentsAndHeadings() throws {
        #expect(try captures("comment", in: "// Kirov's murder") != nil)
        #expect(try captures("comment", in: "   // indented") != nil)
        #expect(try captures("comment", in: "Q: a // b") == nil)
        #expect(try captures("heading", in: "## Background › Famine") == ["## Background › Famine", "##", "Background › Famine"])
    }

    @Test func blocksStartAtTheirKeyAndEndAtABlankLineOrHeading() throws {
        #expect(try captures("block", "begin", in: "Q: Who shot Sergei Kirov?")?[1] == "Q")
        #expect(try captures("block", "begin", in: "source: liao-2017")?[1] == "source")
        #expect(try captures("block", "begin", in: "A: Nikolaev") == nil)
        #expect(try captures("block", "begin", in: "Quote: x") == nil)
        #expect(try captures("block", "end", in: "") != nil)
        #expect(try captures("block", "end", in: "# The murder of Kirov") != nil)
        #expect(try captures("block", "end", in: "A: Nikolaev") == nil)
        #expect(try captures("field", in: "note: An expelled member")?[1] == "note")
        #expect(try captures("answer-field", "begin", in: "A: Leonid Nikolaev | Nikolaev")?[1] == "A")
    }

    @Test func idsKindsAndCitations() throws {
        #expect(try captures("id-field", in: "id: kirov-assassin")?[3] == "kirov-assassin")
        #expect(try captures("kind-field", in: "kind: estimate-source")?[3] == "estimate-source")
        let citation = "source: ww2-podcast-138 \"shot Kirov in the back\""
        #expect(try captures("source-field", "begin", in: citation)?[3] == "ww2-podcast-138")
        let evidence = try #require(try rule("evidence")["patterns"] as? [[String: Any]])
        let straight = try NSRegularExpression(pattern: try #require(evidence[0]["match"] as? String))
        #expect(straight.firstMatch(in: citation, range: NSRange(citation.startIndex..., in: citation)).map { String(citation[Range($0.range, in: citation)!]) }
                == "\"shot Kirov in the back\"")
        let curly = try NSRegularExpression(pattern: try #require(evidence[1]["match"] as? String))
        let curlyCitation = "source: liao-2017, para. 4 “between 1937 and 1938”"
        #expect(curly.firstMatch(in: curlyCitation, range: NSRange(curlyCitation.startIndex..., in: curlyCitation)) != nil)
    }

    @Test func aliasesEscapesAndItems() throws {
        #expect(try matches("alias-separator", in: "A: Leonid Nikolaev | Nikolaev | Nikolayev").count == 2)
        #expect(try matches("alias-separator", in: "A: AC\\|DC").isEmpty)
        #expect(try matches("escape", in: "A: AC\\|DC \\{ \\}") == ["\\|", "\\{", "\\}"])
        #expect(try captures("item", "begin", in: "- Grigory Zinoviev | Zinoviev") != nil)
        #expect(try captures("item", "begin", in: "-") != nil)
        #expect(try captures("item", "begin", in: "-5 degrees") == nil)
    }

    @Test func clozeSpansWithGroupAndKind() throws {
        let sample = "cloze: {{#1 person: Zinoviev}} and {{#1 person: Kamenev}} were tried in {{place: Moscow}}."
        let begins = try regex("cloze-span", "begin").matches(in: sample, range: NSRange(sample.startIndex..., in: sample))
        #expect(begins.count == 3)
        func group(_ match: NSTextCheckingResult, _ index: Int) -> String? {
            Range(match.range(at: index), in: sample).map { String(sample[$0]) }
        }
        #expect(group(begins[0], 2) == "#1")
        #expect(group(begins[0], 3) == "person")
        #expect(group(begins[2], 2) == nil)
        #expect(group(begins[2], 3) == "place")
        #expect(try captures("cloze-span", "begin", in: "{{Moscow}}")?[3] == nil)
        #expect(try matches("cloze-span", "end", in: sample).count == 3)
    }
}
