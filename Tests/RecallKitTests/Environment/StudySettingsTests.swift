import Testing
@testable import RecallKit

@Suite struct StudySettingsTests {
    @Test func readsEverySetting() throws {
        let settings = try StudySettings.parse(toml: """
            [scheduler]
            algorithm = "sm2"
            desired_retention = 0.85
            learning_steps = ["30s", "5m", "1h"]
            relearning_steps = ["15m"]
            maximum_interval_days = 365
            fuzz = false

            [daily]
            new_cards = 5
            reviews = 50
            day_starts_at = 3
            bury_siblings = false

            [leeches]
            threshold = 4
            action = "suspend"
            """, path: "config.toml")
        #expect(settings.algorithm == .sm2)
        #expect(settings.desiredRetention == 0.85)
        #expect(settings.learningSteps == [30, 300, 3600])
        #expect(settings.relearningSteps == [900])
        #expect(settings.maximumIntervalDays == 365 && !settings.fuzz)
        #expect(settings.newCardsPerDay == 5 && settings.reviewsPerDay == 50 && settings.dayStartHour == 3 && !settings.burySiblings)
        #expect(settings.leechThreshold == 4 && settings.leechSuspends)
        #expect(settings.schedulerName == "sm2")
        _ = try settings.makeScheduler()
    }

    @Test func reportsEveryProblemAtOnceWithSuggestions() {
        #expect {
            try StudySettings.parse(toml: """
                [scheduler]
                algoritm = "fsrs"
                desired_retention = 2

                [dialy]
                new_cards = 5
                """, path: "config.toml")
        } throws: { error in
            let text = "\(error)"
            return text.contains("3 problems") && text.contains("did you mean `algorithm`?") && text.contains("did you mean [daily]?")
                && text.contains("desired_retention must be a number between 0.7 and 0.99")
        }
        #expect(throws: SettingsError.self) { try StudySettings.parse(toml: "not = [toml", path: "config.toml") }
    }

    @Test func defaultsWhenThereIsNoFile() throws {
        #expect(try StudySettings.load(path: "/nonexistent/config.toml") == StudySettings())
    }
}
