import Foundation
import GRDB
import ZIPFoundation

/// Writes a deck and its progress as an Anki package (`.apkg`): a zip holding
/// `collection.anki2`, an SQLite collection in Anki's legacy schema 11 (which every Anki
/// since 2.1 imports), and a `media` file `{}`. Notes, cards with their scheduling, and the
/// review log go in, so a learner moving to Anki keeps their progress (see
/// ``AnkiPackageContent`` for the mapping).
///
///     let exporter = AnkiPackageExporter(deck: deck, progress: store.state, now: now,
///                                        calendar: StudyCalendar(), scheduler: FSRSScheduler())
///     try exporter.write(to: "great-purge.apkg")       // atomic: old file or new, never half
///     exporter.content.notes.count
public struct AnkiPackageExporter: Sendable {
    public var content: AnkiPackageContent

    public init(content: AnkiPackageContent) {
        self.content = content
    }

    public init(deck: CompiledDeck, progress: ProgressState, now: Date, calendar: StudyCalendar, scheduler: any Scheduler) {
        content = AnkiPackageContent(deck: deck, progress: progress, now: now, calendar: calendar, scheduler: scheduler)
    }

    /// The package bytes. The zip entries' dates are the export time, so the same input
    /// gives the same archive.
    public func packageData() throws(AnkiExportError) -> Data {
        let folder = NSTemporaryDirectory() + "recall-apkg-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let collectionPath = folder + "/collection.anki2"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .temporaryFolder(folder)
        }
        do {
            try AnkiCollectionWriter.write(content, to: collectionPath)
        } catch {
            throw .database("\(error)")
        }
        let modified = Date(timeIntervalSince1970: Double(content.exportMilliseconds) / 1000)
        do {
            let collection = try Data(contentsOf: URL(fileURLWithPath: collectionPath))
            let archive = try Archive(data: Data(), accessMode: .create)
            try Self.add(collection, named: "collection.anki2", to: archive, modified: modified)
            try Self.add(Data("{}".utf8), named: "media", to: archive, modified: modified)
            guard let data = archive.data else { throw AnkiExportError.archive("the archive has no data") }
            return data
        } catch let error as AnkiExportError {
            throw error
        } catch {
            throw .archive("\(error)")
        }
    }

    /// Writes the package to `path` atomically.
    public func write(to path: String) throws(AnkiExportError) {
        let data = try packageData()
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw .cannotWrite(error)
        }
    }

    private static func add(_ data: Data, named name: String, to archive: Archive, modified: Date) throws {
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
        }
    }
}

/// Why an Anki package could not be made.
public enum AnkiExportError: RecallError, Equatable {
    case temporaryFolder(String)
    case database(String)
    case archive(String)
    case cannotWrite(FileWriteError)

    public var category: ErrorCategory { .user }

    public var description: String {
        switch self {
        case .temporaryFolder(let folder):
            "could not create the temporary folder \(TerminalSanitizer.clean(folder)) for the Anki collection; check that the temporary directory is writable"
        case .database(let reason):
            "could not build the Anki collection (\(TerminalSanitizer.clean(reason))); nothing was written"
        case .archive(let reason):
            "could not zip the Anki package (\(TerminalSanitizer.clean(reason))); nothing was written"
        case .cannotWrite(let error):
            error.description
        }
    }
}

/// Creates a schema-11 collection file from ``AnkiPackageContent``.
enum AnkiCollectionWriter {
    /// Anki's legacy schema (rslib `schema11.sql`).
    static let schema = """
        create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
            ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
            models text not null, decks text not null, dconf text not null, tags text not null);
        create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
            usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
            flags integer not null, data text not null);
        create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
            mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
            ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
            odue integer not null, odid integer not null, flags integer not null, data text not null);
        create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
            ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
        create table graves (usn integer not null, oid integer not null, type integer not null);
        create index ix_notes_usn on notes (usn);
        create index ix_cards_usn on cards (usn);
        create index ix_revlog_usn on revlog (usn);
        create index ix_cards_nid on cards (nid);
        create index ix_cards_sched on cards (did, queue, due);
        create index ix_revlog_cid on revlog (cid);
        create index ix_notes_csum on notes (csum);
        """

    static func write(_ content: AnkiPackageContent, to path: String) throws {
        let queue = try DatabaseQueue(path: path)
        let modifiedSeconds = content.exportMilliseconds / 1000
        try queue.write { db in
            try db.execute(sql: schema)
            try db.execute(
                sql: "insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')",
                arguments: [content.creationSeconds, content.exportMilliseconds, content.exportMilliseconds,
                            try json(collectionConfiguration(content)), try json(noteTypes(content)),
                            try json(decks(content)), try json(deckConfigurations(content))])
            let noteStatement = try db.makeStatement(sql: "insert into notes values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')")
            for note in content.notes {
                let sortField = AnkiFormatting.plain(note.fields[0])
                let checksum = Int64(SHA1Digest.hex(of: Array(sortField.utf8)).prefix(8), radix: 16) ?? 0
                let tags = note.tags.isEmpty ? "" : " " + note.tags.joined(separator: " ") + " "
                try noteStatement.execute(arguments: [note.id, note.guid, note.type.id, modifiedSeconds, tags,
                                                      note.fields.joined(separator: "\u{1F}"), sortField, checksum])
            }
            let cardStatement = try db.makeStatement(sql: "insert into cards values (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)")
            for card in content.cards {
                try cardStatement.execute(arguments: [card.id, card.noteID, content.deckID, card.ordinal, modifiedSeconds, card.type,
                                                      card.queue, card.due, card.interval, card.factor, card.reps, card.lapses,
                                                      card.left, card.data])
            }
            let revlogStatement = try db.makeStatement(sql: "insert into revlog values (?, ?, -1, ?, ?, ?, ?, ?, ?)")
            for row in content.revlog {
                try revlogStatement.execute(arguments: [row.id, row.cardID, row.ease, row.interval, row.lastInterval, row.factor,
                                                        row.time, row.type])
            }
        }
        try queue.close()
    }

    static func json(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func collectionConfiguration(_ content: AnkiPackageContent) -> [String: Any] {
        [
            "activeDecks": [content.deckID], "curDeck": content.deckID, "curModel": AnkiNoteType.basic.id,
            "newSpread": 0, "collapseTime": 1200, "timeLim": 0, "estTimes": true, "dueCounts": true,
            "nextPos": content.notes.count + 1, "sortType": "noteFld", "sortBackwards": false, "addToCur": true,
            // Scheduler v2/v3 with local-time day starts: Anki then counts days as recall does.
            "schedVer": 2, "sched2021": true, "rollover": content.dayStartHour,
            "creationOffset": content.minutesWestAtCreation, "dayLearnFirst": false,
        ]
    }

    static func noteTypes(_ content: AnkiPackageContent) -> [String: Any] {
        let css = ".card {\n font-family: arial;\n font-size: 20px;\n text-align: center;\n color: black;\n background-color: white;\n}\n"
            + ".cloze {\n font-weight: bold;\n color: blue;\n}\n.source {\n font-size: 14px;\n color: grey;\n margin-top: 1em;\n}\n"
        var result: [String: Any] = [:]
        for type in AnkiNoteType.allCases {
            let fields: [[String: Any]] = type.fieldNames.enumerated().map { index, name in
                ["name": name, "ord": index, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": [String]()]
            }
            let source = "{{#Source}}<div class=source>{{Source}}</div>{{/Source}}"
            let template: [String: Any] = type == .basic
                ? ["name": "Card 1", "ord": 0, "qfmt": "{{Front}}", "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n" + source,
                   "bqfmt": "", "bafmt": "", "did": NSNull(), "bfont": "", "bsize": 0]
                : ["name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>\n{{Back Extra}}\n" + source,
                   "bqfmt": "", "bafmt": "", "did": NSNull(), "bfont": "", "bsize": 0]
            result[String(type.id)] = [
                "id": type.id, "name": type.name, "type": type == .basic ? 0 : 1, "mod": content.exportMilliseconds / 1000,
                "usn": -1, "sortf": 0, "did": content.deckID, "tmpls": [template], "flds": fields, "css": css,
                "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
                "latexPost": "\\end{document}", "latexsvg": false, "req": [[0, "any", [0]]], "tags": [String](), "vers": [Int](),
            ] as [String: Any]
        }
        return result
    }

    static func decks(_ content: AnkiPackageContent) -> [String: Any] {
        func deck(id: Int64, name: String, description: String) -> [String: Any] {
            ["id": id, "name": name, "desc": description, "mod": content.exportMilliseconds / 1000, "usn": -1,
             "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0],
             "collapsed": false, "browserCollapsed": false, "dyn": 0, "conf": 1, "extendNew": 0, "extendRev": 0]
        }
        return ["1": deck(id: 1, name: "Default", description: ""),
                String(content.deckID): deck(id: content.deckID, name: content.deckName, description: "Exported from recall.")]
    }

    static func deckConfigurations(_ content: AnkiPackageContent) -> [String: Any] {
        let configuration: [String: Any] = [
            "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true, "timer": 0, "replayq": true,
            "dyn": false,
            "new": ["bury": false, "delays": content.learningStepMinutes, "initialFactor": 2500, "ints": [1, 4, 0], "order": 1, "perDay": 20],
            "rev": ["bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200, "hardFactor": 1.2],
            "lapse": ["delays": content.relearningStepMinutes, "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0],
            "desiredRetention": content.desiredRetention,
        ]
        return ["1": configuration]
    }
}
