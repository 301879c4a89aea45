import Foundation

/// Anki's SM-2 variant, a port of the PyPI package anki-sm-2 0.2.0 that matches it number
/// for number (fixtures check it), with the same defaults.
///
/// - Learning: Again → first step; Hard → repeat the step (first step: halfway to the
///   second, or 1.5 × a lone step); Good → next step, or graduate with the graduating
///   interval; Easy → graduate with the easy interval. Graduation sets the starting ease.
/// - Review: Again ×0.80 ease (floored at the minimum ease), interval × lapse factor (at
///   least the minimum interval) kept for after relearning; Hard ×0.85 ease, interval ×
///   hard factor; Good interval × ease, plus half the days overdue; Easy (interval + days
///   overdue) × ease × easy bonus, then ease ×1.15. All intervals × interval modifier,
///   rounded half to even (Python's `round`), capped at the maximum interval.
/// - Relearning: steps as in learning; graduating multiplies the kept interval by the ease
///   (and the easy bonus on Easy).
///
/// Ease changes are multiplicative because the reference's are; Anki proper subtracts
/// 0.20/0.15 and adds 0.15. Fuzz (on by default; the reference cannot turn it off) touches
/// only intervals computed in the review phase, as in the reference.
///
/// ```swift
/// let scheduler = SM2Scheduler()
/// var state = SchedulingState.new(due: now)
/// state = scheduler.review(state, rating: .easy, at: now, seed: 7)
/// state.ease          // 2.5
/// state.intervalDays  // 4
/// ```
public struct SM2Scheduler: Scheduler, Hashable {
    /// Learning steps in seconds (1 and 10 minutes by default).
    public let learningSteps: [TimeInterval]
    /// Days until the first review after Good on the last learning step (1).
    public let graduatingIntervalDays: Int
    /// Days until the first review after Easy during learning (4).
    public let easyIntervalDays: Int
    /// Relearning steps in seconds (10 minutes by default).
    public let relearningSteps: [TimeInterval]
    /// Smallest interval after a lapse, in days (1).
    public let minimumIntervalDays: Int
    /// Largest review interval, in days (36 500).
    public let maximumIntervalDays: Int
    /// Ease given at graduation (2.5).
    public let startingEase: Double
    /// Lowest ease a card can fall to (1.3, fixed in the reference).
    public let minimumEase: Double
    /// Extra multiplier for Easy on review cards (1.3).
    public let easyBonus: Double
    /// Multiplier applied to every review interval (1.0).
    public let intervalModifier: Double
    /// Multiplier for Hard on review cards (1.2).
    public let hardIntervalFactor: Double
    /// Share of the old interval kept after a lapse (0.0: start again from the minimum).
    public let lapseIntervalFactor: Double
    /// Whether review intervals get a deterministic, seeded random spread.
    public let fuzzEnabled: Bool

    /// The default scheduler (anki-sm-2's defaults, fuzz on).
    public init() {
        learningSteps = [60, 600]
        graduatingIntervalDays = 1
        easyIntervalDays = 4
        relearningSteps = [600]
        minimumIntervalDays = 1
        maximumIntervalDays = 36_500
        startingEase = 2.5
        minimumEase = 1.3
        easyBonus = 1.3
        intervalModifier = 1.0
        hardIntervalFactor = 1.2
        lapseIntervalFactor = 0.0
        fuzzEnabled = true
    }

    /// A scheduler with custom settings; every invalid setting is reported in one error.
    public init(
        learningSteps: [TimeInterval] = [60, 600],
        graduatingIntervalDays: Int = 1,
        easyIntervalDays: Int = 4,
        relearningSteps: [TimeInterval] = [600],
        minimumIntervalDays: Int = 1,
        maximumIntervalDays: Int = 36_500,
        startingEase: Double = 2.5,
        minimumEase: Double = 1.3,
        easyBonus: Double = 1.3,
        intervalModifier: Double = 1.0,
        hardIntervalFactor: Double = 1.2,
        lapseIntervalFactor: Double = 0.0,
        fuzzEnabled: Bool = true
    ) throws(SchedulerConfigurationError) {
        var validator = SchedulerConfigurationValidator()
        validator.checkSteps(learningSteps, phase: .learning)
        func atLeastOneDay(_ name: String, _ days: Int) {
            validator.check(days >= 1, .invalidSetting(name: name, value: Double(days), unit: "days", requirement: "at least 1"))
        }
        func positive(_ name: String, _ value: Double) {
            validator.check(
                value.isFinite && value > 0,
                .invalidSetting(name: name, value: value, unit: "", requirement: "a positive number")
            )
        }
        atLeastOneDay("graduating interval", graduatingIntervalDays)
        atLeastOneDay("easy interval", easyIntervalDays)
        validator.checkSteps(relearningSteps, phase: .relearning)
        atLeastOneDay("minimum interval", minimumIntervalDays)
        atLeastOneDay("maximum interval", maximumIntervalDays)
        positive("minimum ease", minimumEase)
        validator.check(
            startingEase.isFinite && startingEase >= minimumEase,
            .invalidSetting(name: "starting ease", value: startingEase, unit: "", requirement: "at least the minimum ease")
        )
        positive("easy bonus", easyBonus)
        positive("interval modifier", intervalModifier)
        positive("hard interval factor", hardIntervalFactor)
        validator.check(
            lapseIntervalFactor.isFinite && lapseIntervalFactor >= 0,
            .invalidSetting(name: "lapse interval factor", value: lapseIntervalFactor, unit: "", requirement: "zero or more")
        )
        try validator.finish()
        self.learningSteps = learningSteps
        self.graduatingIntervalDays = graduatingIntervalDays
        self.easyIntervalDays = easyIntervalDays
        self.relearningSteps = relearningSteps
        self.minimumIntervalDays = minimumIntervalDays
        self.maximumIntervalDays = maximumIntervalDays
        self.startingEase = startingEase
        self.minimumEase = minimumEase
        self.easyBonus = easyBonus
        self.intervalModifier = intervalModifier
        self.hardIntervalFactor = hardIntervalFactor
        self.lapseIntervalFactor = lapseIntervalFactor
        self.fuzzEnabled = fuzzEnabled
    }

    // MARK: Scheduler

    public func review(_ state: SchedulingState, rating: Rating, at date: Date, seed: UInt64) -> SchedulingState {
        var next = state
        next.reps += 1
        next.lastReview = date
        switch state.phase {
        case .new, .learning:
            next.phase = .learning
            reviewLearning(&next, rating: rating, at: date)
        case .review:
            reviewGraduated(&next, previous: state, rating: rating, at: date, seed: seed)
        case .relearning:
            reviewRelearning(&next, previous: state, rating: rating, at: date)
        }
        return next
    }

    /// Always `nil`: SM-2 has no model of recall probability.
    public func retrievability(of state: SchedulingState, at date: Date) -> Double? {
        nil
    }

    // MARK: Phases

    @inline(__always)
    private func reviewLearning(_ next: inout SchedulingState, rating: Rating, at date: Date) {
        let step = next.step ?? 0
        let steps = learningSteps
        // Past the configured steps (they were shortened since): the reference graduates for
        // step > count; at step == count it crashes on Hard and Good, which graduate here too.
        if steps.isEmpty || step > steps.count || (step == steps.count && (rating == .hard || rating == .good)) {
            graduate(&next, intervalDays: graduatingIntervalDays, at: date)
            return
        }
        switch rating {
        case .again:
            next.step = 0
            next.due = date.addingTimeInterval(steps[0])
        case .hard:
            next.step = step
            next.due = date.addingTimeInterval(Arithmetic.hardStepDelay(steps: steps, step: step))
        case .good:
            if step + 1 == steps.count {
                graduate(&next, intervalDays: graduatingIntervalDays, at: date)
            } else {
                next.step = step + 1
                next.due = date.addingTimeInterval(steps[step + 1])
            }
        case .easy:
            graduate(&next, intervalDays: easyIntervalDays, at: date)
        }
    }

    @inline(__always)
    private func graduate(_ next: inout SchedulingState, intervalDays: Int, at date: Date) {
        next.phase = .review
        next.step = nil
        next.memory = .sm2(ease: startingEase, intervalDays: intervalDays)
        next.due = date.addingTimeInterval(Double(intervalDays) * Arithmetic.secondsPerDay)
    }

    @inline(__always)
    private func reviewGraduated(
        _ next: inout SchedulingState, previous state: SchedulingState, rating: Rating, at date: Date, seed: UInt64
    ) {
        var (ease, interval) = memory(of: state)
        let current = Double(interval)
        let newInterval: Int
        switch rating {
        case .again:
            next.lapses += 1
            ease = max(minimumEase, ease * 0.80)
            newInterval = max(minimumIntervalDays, Arithmetic.roundHalfToEven(current * lapseIntervalFactor * intervalModifier))
        case .hard:
            ease = max(minimumEase, ease * 0.85)
            newInterval = min(maximumIntervalDays, Arithmetic.roundHalfToEven(current * hardIntervalFactor * intervalModifier))
        case .good:
            let daysOverdue = Arithmetic.wholeDays(from: state.due, to: date)
            let base = daysOverdue >= 1 ? current + Double(daysOverdue) / 2.0 : current
            newInterval = min(maximumIntervalDays, Arithmetic.roundHalfToEven(base * ease * intervalModifier))
        case .easy:
            let daysOverdue = Arithmetic.wholeDays(from: state.due, to: date)
            let base = daysOverdue >= 1 ? Double(interval + daysOverdue) : current
            newInterval = min(maximumIntervalDays, Arithmetic.roundHalfToEven(base * ease * easyBonus * intervalModifier))
            ease *= 1.15
        }
        interval = newInterval
        if fuzzEnabled {
            var generator = Arithmetic.fuzzGenerator(seed: seed, state: state)
            interval = IntervalFuzz.fuzzed(intervalDays: interval, maximumIntervalDays: maximumIntervalDays, using: &generator)
        }
        next.memory = .sm2(ease: ease, intervalDays: interval)
        if rating == .again, let firstStep = relearningSteps.first {
            next.phase = .relearning
            next.step = 0
            next.due = date.addingTimeInterval(firstStep)
        } else {
            next.phase = .review
            next.step = nil
            next.due = date.addingTimeInterval(Double(interval) * Arithmetic.secondsPerDay)
        }
    }

    @inline(__always)
    private func reviewRelearning(_ next: inout SchedulingState, previous state: SchedulingState, rating: Rating, at date: Date) {
        let step = next.step ?? 0
        let steps = relearningSteps
        if steps.isEmpty || step > steps.count || (step == steps.count && (rating == .hard || rating == .good)) {
            relearned(&next, previous: state, easy: false, at: date)
            return
        }
        switch rating {
        case .again:
            next.step = 0
            next.due = date.addingTimeInterval(steps[0])
        case .hard:
            next.step = step
            next.due = date.addingTimeInterval(Arithmetic.hardStepDelay(steps: steps, step: step))
        case .good:
            if step + 1 == steps.count {
                relearned(&next, previous: state, easy: false, at: date)
            } else {
                next.step = step + 1
                next.due = date.addingTimeInterval(steps[step + 1])
            }
        case .easy:
            relearned(&next, previous: state, easy: true, at: date)
        }
    }

    /// Back to review: the interval kept from the lapse, times the ease (the ease is unchanged).
    @inline(__always)
    private func relearned(_ next: inout SchedulingState, previous state: SchedulingState, easy: Bool, at date: Date) {
        let (ease, interval) = memory(of: state)
        let product = easy
            ? Double(interval) * ease * easyBonus * intervalModifier
            : Double(interval) * ease * intervalModifier
        let newInterval = min(maximumIntervalDays, Arithmetic.roundHalfToEven(product))
        next.phase = .review
        next.step = nil
        next.memory = .sm2(ease: ease, intervalDays: newInterval)
        next.due = date.addingTimeInterval(Double(newInterval) * Arithmetic.secondsPerDay)
    }

    /// Ease and interval of a graduated card. A card without SM-2 memory (e.g. last scheduled
    /// by FSRS) gets the starting ease and the interval it was last scheduled with.
    @inline(__always)
    private func memory(of state: SchedulingState) -> (ease: Double, intervalDays: Int) {
        if case .sm2(let ease, let intervalDays) = state.memory { return (ease, intervalDays) }
        let scheduled = state.lastReview.map { Arithmetic.wholeDays(from: $0, to: state.due) } ?? graduatingIntervalDays
        return (startingEase, max(1, scheduled))
    }
}

private typealias Arithmetic = SchedulingArithmetic

extension SM2Scheduler {
    public var settingsFingerprint: String {
        "sm-2 learning \(learningSteps) graduating \(graduatingIntervalDays) easy \(easyIntervalDays) relearning \(relearningSteps)"
            + " minimum \(minimumIntervalDays) maximum \(maximumIntervalDays) ease \(startingEase) minimum-ease \(minimumEase)"
            + " easy-bonus \(easyBonus) modifier \(intervalModifier) hard \(hardIntervalFactor) lapse \(lapseIntervalFactor)"
            + " fuzz \(fuzzEnabled)"
    }
}
