import Foundation

/// A new deck file to start from, as `recall new` writes it: a header, one source to fill
/// in, and one commented example of every kind of fact. It passes `recall check --strict`
/// exactly as written, so an author starts from a clean check and sees each warning they add.
///
///     let scaffold = DeckScaffold(name: "decks/roman-roads", title: nil)
///     scaffold.path      // "decks/roman-roads.facts"
///     scaffold.deckID    // "roman-roads"
///     try scaffold.create()
public struct DeckScaffold: Sendable {
    /// Where the file goes: the name given, with `.facts` added when missing.
    public var path: String
    public var deckID: String
    public var title: String

    /// `name` may be a path; the deck id is the file name made into an id (`My Deck` → `my-deck`).
    public init(name: String, title: String? = nil) {
        path = name.hasSuffix(".facts") ? name : name + ".facts"
        let base = String((path as NSString).lastPathComponent.dropLast(".facts".count))
        var slug = Identifier.slug(base)
        while slug.hasSuffix("-") { slug.removeLast() }  // the slug is cut at 64 characters
        deckID = slug
        let words = base.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ").trimmingWhitespace()
        let fallback = words.isEmpty ? "My deck" : words.prefix(1).uppercased() + words.dropFirst()
        let given = title?.trimmingWhitespace() ?? ""
        // A title is one line of a field: line breaks would start new lines in the file.
        self.title = given.isEmpty ? fallback : given.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The file's text.
    public var text: String {
        Self.template
            .replacingOccurrences(of: "{{DECK_ID}}", with: deckID)
            .replacingOccurrences(of: "{{TITLE}}", with: title)
    }

    /// Writes the file; never overwrites one that exists.
    public func create() throws(AuthoringError) {
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !(FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw .folderMissing(folder)
        }
        // O_EXCL: the file is created here or not at all, even if another process races us.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .deckExists(path) }
            throw .cannotWrite(path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress!, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw .cannotWrite(path, reason: reason)
            }
            offset += written
        }
    }

    // The examples must stay true, compile without a warning (every choice card has enough
    // options: explicit distractors, or four answers of a kind), and cite the one source.
    static let template = """
        // A recall deck. The format is described in docs/deck-format.md; `recall check --strict`
        // reports every problem, `recall preview` shows the cards a fact yields, and `recall fmt`
        // tidies the layout. Replace the examples below with your own facts.

        deck: {{DECK_ID}}
        title: {{TITLE}}
        description: One or two sentences on what this deck covers.
        language: en
        authors: your name

        // Every fact cites a source by its key, optionally with a place in it and a short phrase
        // copied from it: `source: my-source, p. 12 "the exact words"`. Fill this one in (title
        // is required; author, date, url, file and note are optional) and add more as you need.
        source: my-source
        title: The book, article or page these facts come from
        author: Its author
        date: 2024

        # Examples

        // Question and answer. After `|` come other answers that are accepted too. `kind:` says
        // what sort of answer it is; multiple choice draws wrong options from other answers of
        // the same kind, and needs four of them, or three explicit `distractors:`.
        Q: Who was the first person to walk on the Moon?
        A: Neil Armstrong | Armstrong
        kind: person
        id: first-moonwalker
        distractors: Buzz Aldrin; Yuri Gagarin; Michael Collins
        source: my-source, p. 1
        note: Armstrong stepped onto the Moon on 21 July 1969 (UTC); Aldrin followed him.

        // Term and definition: asked in both directions.
        term: lunar module | LM
        def: The two-stage spacecraft that took two astronauts from lunar orbit down to the Moon's
          surface and back up again.
        id: lunar-module
        distractors: command module; service module; Saturn V
        source: my-source
        note: An indented line continues the field above it, as in the definition.

        // Cloze: each {{…}} is a blank. A kind goes before a colon; blanks that share a group
        // (#1) are asked together on one card, the others one card each.
        cloze: {{#1 person: Neil Armstrong | Armstrong}} and {{#1 person: Buzz Aldrin | Aldrin}}
          landed in the {{place: Sea of Tranquility | Mare Tranquillitatis}}.
        id: landing-site
        distractors: Ocean of Storms; Sea of Serenity; Sea of Crises
        source: my-source

        // Number: an exact value, `about …` (±5%), a tolerance (`± 1%`, `+/- 500`) or a range
        // (`between 1,000 and 2,000`). The unit is shown with the question.
        number: What is the average distance from the Earth to the Moon?
        answer: 384,400 ± 1%
        unit: km
        id: moon-distance
        distractors: 38,440; 1,500,000; 150,000,000
        source: my-source
        note: About thirty Earth diameters.

        // Dated events: ISO dates at day, month or year precision. Each is asked on its own,
        // and all events together yield chronology cards (which came first, put in order).
        event: Sputnik 1, the first artificial satellite, is launched
        date: 1957-10-04
        id: sputnik-launch
        source: my-source

        event: Apollo 11 is launched from Florida
        date: 1969-07-16
        id: apollo-11-launch
        source: my-source

        event: The Apollo 11 lunar module lands on the Moon
        date: 1969-07-20
        id: apollo-11-landing
        source: my-source

        event: The Apollo 11 crew splashes down in the Pacific
        date: 1969-07-24
        id: apollo-11-splashdown
        source: my-source

        // List: one `- item | alias` line per item. `order: set` accepts any order with partial
        // credit; `order: sequence` wants the given order.
        list: Who were the three astronauts of Apollo 11?
        - Neil Armstrong | Armstrong
        - Buzz Aldrin | Aldrin | Edwin Aldrin
        - Michael Collins | Collins
        order: set
        kind: person
        id: apollo-11-crew
        source: my-source
        note: Collins stayed in lunar orbit in the command module.

        """
}
