import Foundation
import GRDB
import Testing
import ZIPFoundation
@testable import RecallKit

/// What Anki saw of `sample.apkg` (written by `scripts/interop-export`), in the shape the
/// script writes; the same summary is built here from the exporter's own SQLite.
struct AnkiInteropSummary: Codable, Equatable {
    struct Counts: Codable, Equatable { var notes: Int; var cards: Int; var revlog: Int }
    struct Note: Codable, Equatable { var guid: String; var notetype: String; var fields: [String]; var tags: [String] }
    struct CardRow: Codable, Equatable {
        var guid: String, ord: Int, type: Int, queue: Int, ivl: Int, factor: Int, reps: Int, lapses: Int, due: String
        var stability: Double?, difficulty: Double?
    }
    struct Revlog: Codable, Equatable {
        var id: Int64, guid: String, ord: Int, ease: Int, ivl: Int, lastIvl: Int, factor: Int, time: Int, type: Int
    }
    var counts: Counts
    var decks: [String]
    var notes: [Note]
    var cards: [CardRow]
    var revlog: [Revlog]
}

struct AnkiInteropFixture: Codable {
    var source: String
    var collection: AnkiInteropSummary
}

@Suite struct AnkiPackageExporterTests {
    /// Unzips a package and summarizes its collection the way the interop script does.
    static func summary(ofPackage data: Data, creationDay: Int) throws -> (entries: [String], summary: AnkiInteropSummary) {
        let archive = try Archive(data: data, accessMode: .read)
        let entries = archive.map(\.path).sorted()
        var collection = Data()
        _ = try archive.extract(try #require(archive["collection.anki2"])) { collection.append($0) }
        var media = Data()
        _ = try archive.extract(try #require(archive["media"])) { media.append($0) }
        #expect(String(decoding: media, as: UTF8.self) == "{}")
        let path = NSTemporaryDirectory() + "recall-apkg-test-" + UUID().uuidString + ".anki2"
        try collection.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let summary = try queue.read { db -> AnkiInteropSummary in
            let column = try #require(try Row.fetchOne(db, sql: "select ver, models, decks from col"))
            #expect(column["ver"] as Int == 11)
            let models = try JSONSerialization.jsonObject(with: Data((column["models"] as String).utf8)) as! [String: [String: Any]]
            let decks = try JSONSerialization.jsonObject(with: Data((column["decks"] as String).utf8)) as! [String: [String: Any]]
            var modelNames: [Int64: String] = [:]
            for model in models.values { modelNames[(model["id"] as! NSNumber).int64Value] = model["name"] as? String }
            var guids: [Int64: String] = [:]
            var notes: [AnkiInteropSummary.Note] = []
            for row in try Row.fetchAll(db, sql: "select id, guid, mid, tags, flds from notes") {
                guids[row["id"]] = row["guid"]
                notes.append(.init(guid: row["guid"], notetype: modelNames[row["mid"]] ?? "?",
                                   fields: (row["flds"] as String).components(separatedBy: "\u{1F}"),
                                   tags: (row["tags"] as String).split(separator: " ").map(String.init).sorted()))
            }
            var cardKeys: [Int64: (String, Int)] = [:]
            var cards: [AnkiInteropSummary.CardRow] = []
            for row in try Row.fetchAll(db, sql: "select * from cards") {
                let guid = guids[row["nid"]]!, ordinal: Int = row["ord"], type: Int = row["type"], due: Int64 = row["due"]
                cardKeys[row["id"]] = (guid, ordinal)
                let dueText = type == 2 ? StudyCalendar.label(ofDay: creationDay + Int(due))
                    : type == 1 || type == 3 ? ExportTimestamp.string(Date(timeIntervalSince1970: Double(due))) : "position \(due)"
                let memory = try JSONSerialization.jsonObject(with: Data((row["data"] as String).utf8)) as? [String: Any] ?? [:]
                cards.append(.init(guid: guid, ord: ordinal, type: type, queue: row["queue"], ivl: row["ivl"], factor: row["factor"],
                                   reps: row["reps"], lapses: row["lapses"], due: dueText,
                                   stability: (memory["s"] as? NSNumber)?.doubleValue, difficulty: (memory["d"] as? NSNumber)?.doubleValue))
            }
            var revlog: [AnkiInteropSummary.Revlog] = []
            for row in try Row.fetchAll(db, sql: "select * from revlog order by id") {
                let key = cardKeys[row["cid"]]!
                revlog.append(.init(id: row["id"], guid: key.0, ord: key.1, ease: row["ease"], ivl: row["ivl"], lastIvl: row["lastIvl"],
                                    factor: row["factor"], time: row["time"], type: row["type"]))
            }
            let deckNames = decks.values.compactMap { $0["name"] as? String }.filter { $0 != "Default" }.sorted()
            return AnkiInteropSummary(counts: .init(notes: notes.count, cards: cards.count, revlog: revlog.count), decks: deckNames,
                                      notes: notes.sorted { $0.guid < $1.guid },
                                      cards: cards.sorted { ($0.guid, $0.ord) < ($1.guid, $1.ord) }, revlog: revlog)
        }
        return (entries, summary)
    }

    @Test func thePackageMatchesWhatAnkiImported() throws {
        let exporter = ExportSamples.ankiExporter()
        let (entries, ours) = try Self.summary(ofPackage: exporter.packageData(), creationDay: exporter.content.creationDay)
        #expect(entries == ["collection.anki2", "media"])
        let url = Golden.fixtures.appendingPathComponent("export/anki-interop.json")
        let fixture = try JSONDecoder().decode(AnkiInteropFixture.self, from: Data(contentsOf: url)).collection
        #expect(ours.counts == fixture.counts)
        #expect(ours.decks == fixture.decks)
        #expect(ours.notes == fixture.notes)
        #expect(ours.revlog == fixture.revlog)
        #expect(ours.cards.count == fixture.cards.count)
        for (mine, theirs) in zip(ours.cards, fixture.cards) {
            var (left, right) = (mine, theirs)
            // Anki rounds the memory state it reports; compare those with a tolerance.
            #expect(abs((left.stability ?? 0) - (right.stability ?? 0)) < 0.01, "stability of \(mine.guid)")
            #expect(abs((left.difficulty ?? 0) - (right.difficulty ?? 0)) < 0.01, "difficulty of \(mine.guid)")
            (left.stability, left.difficulty, right.stability, right.difficulty) = (nil, nil, nil, nil)
            #expect(left == right)
        }
    }

    @Test func everyStateIsMapped() throws {
        let content = ExportSamples.ankiExporter().content
        // Review, relearning and learning cards, suspended and buried ones, are all in the sample.
        #expect(Set(content.cards.map(\.type)) == [1, 2, 3])
        #expect(Set(content.cards.map(\.queue)) == [-3, -1, 1, 2])
        // Without progress every card is new, in deck order.
        let fresh = AnkiPackageContent(deck: SampleStudyData.richDeck, progress: ProgressState(), now: SampleStudyData.now,
                                       calendar: SampleStudyData.utc, scheduler: FSRSScheduler())
        #expect(fresh.cards.allSatisfy { $0.type == 0 && $0.queue == 0 && $0.reps == 0 && $0.data == "{}" })
        #expect(fresh.cards.map(\.due) == [1, 2, 3, 4, 4, 5, 6])
        #expect(fresh.revlog.isEmpty)
        #expect(content.notes.count == 6)
        #expect(content.cards.count == 7)
        // Reviews of variants that no Anki card carries are reported, not silently merged.
        #expect(content.unmatchedReviews + content.revlog.count == SampleStudyData.richProgress.log.count)
        #expect(content.revlog.map(\.id) == content.revlog.map(\.id).sorted())
        #expect(Set(content.revlog.map(\.id)).count == content.revlog.count)
    }

    @Test func theSameInputGivesTheSameBytes() throws {
        #expect(try ExportSamples.ankiExporter().packageData() == ExportSamples.ankiExporter().packageData())
    }

    @Test func writingIsAtomicAndReportsAnUnwritableFolder() throws {
        let folder = NSTemporaryDirectory() + "recall-apkg-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ExportSamples.ankiExporter().write(to: folder + "/deck.apkg")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["deck.apkg"])
        #expect(throws: AnkiExportError.self) { try ExportSamples.ankiExporter().write(to: folder + "/missing/deck.apkg") }
    }

    @Test func clozeTextIsRebuiltFromTheCompiledQuestions() throws {
        let cards = SampleStudyData.richDeck.cards.filter { $0.factID == "first-trial" }
        let cloze = try #require(AnkiFormatting.cloze(cards))
        #expect(cloze.text == "{{c1::Kamenev}} and {{c2::Zinoviev}} were the main defendants of the first Moscow trial in 1936.")
        #expect(cloze.questions.map { $0.map(\.variant) } == [["cloze.Kamenev.choice"], ["cloze.Zinoviev.choice"]])
        // A grouped blank: both answers in one question.
        let grouped = SampleStudyData.card(fact: "g", variant: "cloze.#1.choice",
                                           .choice(prompt: "[…] and […] met in 1939.", options: ["x"], correct: 0), answer: "Molotov; Ribbentrop")
        #expect(AnkiFormatting.cloze([grouped])?.text == "{{c1::Molotov}} and {{c1::Ribbentrop}} met in 1939.")
        // Prompts that do not line up give no cloze (a Basic note is made instead).
        let broken = SampleStudyData.card(fact: "g", variant: "cloze.B.choice", .choice(prompt: "Something else […]", options: ["x"], correct: 0), answer: "B")
        #expect(AnkiFormatting.cloze([grouped, broken]) == nil)
        #expect(AnkiFormatting.cloze(SampleStudyData.richDeck.cards.filter { $0.factID == "kirov" }) == nil)
    }

    @Test func fieldsAreEscapedAndTagsHierarchical() {
        #expect(AnkiFormatting.html("a < b & \"c\"\nd\u{1B}[31m") == "a &lt; b &amp; &quot;c&quot;<br>d")
        #expect(AnkiFormatting.tags(topic: "Great Purge › People", tags: ["ussr", "two words", "ussr"]) == ["Great_Purge::People", "ussr", "two_words"])
        #expect(AnkiFormatting.plain("{{c1::Kirov}} &amp; co<br>x") == "Kirov & co x")
    }

    @Test func sha1MatchesKnownDigests() {
        #expect(SHA1Digest.hex(of: Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1Digest.hex(of: []) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1Digest.hex(of: Array(String(repeating: "a", count: 1000).utf8)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }
}
