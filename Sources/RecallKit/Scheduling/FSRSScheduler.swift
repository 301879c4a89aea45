import Foundation

/// The FSRS-6 scheduler, a port of py-fsrs 6.3.2's `Scheduler` that matches it number for number.
///
/// Behaviour that follows the reference exactly (and is checked against it by fixtures):
/// - Elapsed time is counted in whole days, floored (`timedelta.days`): a review less than
///   24 hours after the previous one is a *short-term* review and uses the same-day stability
///   formula (w17–w19), whatever the card's phase.
/// - The first review sets stability to w[rating − 1] and difficulty to the clamped initial
///   difficulty; stability is floored at 0.001 and difficulty clamped to 1...10 after every
///   review, with no other rounding.
/// - Review intervals are `round(stability / factor · (retention^(1/decay) − 1))` days
///   (ties to even, as Python's `round`), at least 1 and at most `maximumIntervalDays`;
///   learning and relearning steps are exact durations.
/// - Fuzz applies only to cards that end the review in the review phase.
///
/// ```swift
/// let scheduler = FSRSScheduler()   // default weights, 90 % retention, fuzz on
/// var state = SchedulingState.new(due: now)
/// state = scheduler.review(state, rating: .good, at: now, seed: 42)
/// state.due == now + 600          // second learning step, 10 minutes
/// scheduler.retrievability(of: state, at: now + 86_400 * 3)
/// ```
public struct FSRSScheduler: Scheduler, Hashable {
    /// The model weights.
    public let parameters: FSRSParameters
    /// Target probability of recall when a review card falls due (0.9 by default).
    public let desiredRetention: Double
    /// Learning steps in seconds (1 and 10 minutes by default).
    public let learningSteps: [TimeInterval]
    /// Relearning steps in seconds (10 minutes by default). Empty means a forgotten card
    /// stays in review and is rescheduled from its new stability.
    public let relearningSteps: [TimeInterval]
    /// Upper bound of review intervals, in days.
    public let maximumIntervalDays: Int
    /// Whether review intervals get a deterministic, seeded random spread.
    public let fuzzEnabled: Bool

    /// The weights unpacked into named constants, so a review touches no array (and no
    /// reference count). Precomputed terms equal, bit for bit, what py-fsrs recomputes per review.
    private let model: Model

    /// The default scheduler: default weights, 90 % retention, steps 1m 10m / 10m,
    /// 36 500-day cap, fuzz on (py-fsrs's defaults).
    public init() {
        self.init(
            validated: .default, desiredRetention: 0.9, learningSteps: [60, 600],
            relearningSteps: [600], maximumIntervalDays: 36_500, fuzzEnabled: true
        )
    }

    /// A scheduler with custom settings; every invalid setting is reported in one error.
    public init(
        parameters: FSRSParameters = .default,
        desiredRetention: Double = 0.9,
        learningSteps: [TimeInterval] = [60, 600],
        relearningSteps: [TimeInterval] = [600],
        maximumIntervalDays: Int = 36_500,
        fuzzEnabled: Bool = true
    ) throws(SchedulerConfigurationError) {
        var validator = SchedulerConfigurationValidator()
        validator.check(
            desiredRetention > 0 && desiredRetention < 1,
            .desiredRetentionOutOfRange(desiredRetention)
        )
        validator.checkSteps(learningSteps, phase: .learning)
        validator.checkSteps(relearningSteps, phase: .relearning)
        validator.check(
            maximumIntervalDays >= 1,
            .invalidSetting(name: "maximum interval", value: Double(maximumIntervalDays), unit: "days", requirement: "at least 1")
        )
        try validator.finish()
        self.init(
            validated: parameters, desiredRetention: desiredRetention, learningSteps: learningSteps,
            relearningSteps: relearningSteps, maximumIntervalDays: maximumIntervalDays, fuzzEnabled: fuzzEnabled
        )
    }

    private init(
        validated parameters: FSRSParameters,
        desiredRetention: Double,
        learningSteps: [TimeInterval],
        relearningSteps: [TimeInterval],
        maximumIntervalDays: Int,
        fuzzEnabled: Bool
    ) {
        self.parameters = parameters
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumIntervalDays = maximumIntervalDays
        self.fuzzEnabled = fuzzEnabled
        model = Model(weights: parameters.weights, desiredRetention: desiredRetention)
    }

    // MARK: Scheduler

    public func review(_ state: SchedulingState, rating: Rating, at date: Date, seed: UInt64) -> SchedulingState {
        var next = state
        next.reps += 1
        next.lastReview = date
        let (stability, difficulty) = nextMemory(of: state, rating: rating, at: date)
        next.memory = .fsrs(stability: stability, difficulty: difficulty)

        var reviewIntervalNeeded = false
        switch state.phase {
        case .new, .learning:
            next.phase = .learning
            reviewIntervalNeeded = advanceSteps(&next, steps: learningSteps, rating: rating, at: date)
        case .relearning:
            reviewIntervalNeeded = advanceSteps(&next, steps: relearningSteps, rating: rating, at: date)
        case .review:
            if rating == .again {
                next.lapses += 1
                if let firstStep = relearningSteps.first {
                    next.phase = .relearning
                    next.step = 0
                    next.due = date.addingTimeInterval(firstStep)
                } else {
                    reviewIntervalNeeded = true
                }
            } else {
                reviewIntervalNeeded = true
            }
        }

        if reviewIntervalNeeded {
            next.phase = .review
            next.step = nil
            var days = nextIntervalDays(forStability: stability)
            if fuzzEnabled {
                var generator = Arithmetic.fuzzGenerator(seed: seed, state: state)
                days = IntervalFuzz.fuzzed(intervalDays: days, maximumIntervalDays: maximumIntervalDays, using: &generator)
            }
            next.due = date.addingTimeInterval(Double(days) * Arithmetic.secondsPerDay)
        }
        return next
    }

    /// Probability of recall at `date`, with elapsed time in whole days as py-fsrs counts it;
    /// `nil` when the state has no FSRS memory or was never reviewed (py-fsrs reports 0 there).
    public func retrievability(of state: SchedulingState, at date: Date) -> Double? {
        guard case .fsrs(let stability, _) = state.memory, let lastReview = state.lastReview else { return nil }
        return retrievability(elapsedWholeDays: max(0, Arithmetic.wholeDays(from: lastReview, to: date)), stability: stability)
    }

    // MARK: Model

    /// The forgetting curve R(t) = (1 + factor · t / S)^decay for any real `elapsedDays`.
    /// By construction R(S) = 0.9.
    ///
    /// ```swift
    /// scheduler.forgettingCurve(elapsedDays: 10, stability: 10)   // 0.9
    /// ```
    public func forgettingCurve(elapsedDays: Double, stability: Double) -> Double {
        pow(1 + model.factor * elapsedDays / stability, model.decay)
    }

    /// The unrounded interval, in days, after which recall probability falls to the desired
    /// retention: the inverse of `forgettingCurve`.
    public func rawIntervalDays(forStability stability: Double) -> Double {
        (stability / model.factor) * model.retentionTerm
    }

    /// The scheduled review interval without fuzz: `rawIntervalDays` rounded half to even
    /// (Python's `round`), then kept within 1...maximumIntervalDays.
    public func nextIntervalDays(forStability stability: Double) -> Int {
        let rounded = Arithmetic.roundHalfToEven(rawIntervalDays(forStability: stability))
        return min(max(rounded, 1), maximumIntervalDays)
    }

    @inline(__always)
    private func retrievability(elapsedWholeDays: Int, stability: Double) -> Double {
        pow(1 + model.factor * Double(elapsedWholeDays) / stability, model.decay)
    }

    /// Stability and difficulty after the review.
    @inline(__always)
    private func nextMemory(of state: SchedulingState, rating: Rating, at date: Date) -> (stability: Double, difficulty: Double) {
        // A state without FSRS memory (new, or last scheduled by SM-2) starts from the
        // initial values, whatever its phase: that is what py-fsrs does for a fresh card.
        guard case .fsrs(let stability, let difficulty) = state.memory else {
            return (model.initialStability[rating], model.initialDifficulty[rating])
        }
        let newStability: Double
        if let lastReview = state.lastReview, Arithmetic.wholeDays(from: lastReview, to: date) < 1 {
            newStability = model.shortTermStability(stability, rating: rating)
        } else {
            // Never reviewed but carrying memory (imported state): py-fsrs takes R = 0 here.
            let recall = state.lastReview.map {
                retrievability(elapsedWholeDays: max(0, Arithmetic.wholeDays(from: $0, to: date)), stability: stability)
            } ?? 0
            newStability = model.longTermStability(stability, difficulty: difficulty, retrievability: recall, rating: rating)
        }
        return (newStability, model.nextDifficulty(difficulty, rating: rating))
    }

    /// Moves a learning or relearning card along `steps`; returns true when it graduates
    /// (the caller then schedules it in days).
    @inline(__always)
    private func advanceSteps(_ next: inout SchedulingState, steps: [TimeInterval], rating: Rating, at date: Date) -> Bool {
        let step = next.step ?? 0
        // A step beyond the configured ones (the steps were shortened since) graduates on a pass.
        if steps.isEmpty || (step >= steps.count && rating != .again) { return true }
        switch rating {
        case .again:
            next.step = 0
            next.due = date.addingTimeInterval(steps[0])
        case .hard:
            next.step = step
            next.due = date.addingTimeInterval(Arithmetic.hardStepDelay(steps: steps, step: step))
        case .good:
            if step + 1 == steps.count { return true }
            next.step = step + 1
            next.due = date.addingTimeInterval(steps[step + 1])
        case .easy:
            return true
        }
        return false
    }
}

/// FSRS-6's formulas over named constants (w0–w20 of `FSRSParameters`).
private struct Model: Hashable, Sendable {
    let decay: Double                          // −w20
    let factor: Double                         // 0.9^(1/decay) − 1, so that R(S) = 0.9
    let retentionTerm: Double                  // desiredRetention^(1/decay) − 1
    let initialStability: PerRating<Double>    // w0–w3, floored
    let initialDifficulty: PerRating<Double>   // w4 − e^(w5·(G−1)) + 1, clamped
    let difficultyStep: PerRating<Double>      // −w6·(G − 3)
    let meanReversionWeight: Double            // w7
    let meanReversionTarget: Double            // D0(easy), unclamped
    let recallGrowth: Double                   // e^w8
    let recallStabilityExponent: Double        // w9
    let recallRetrievabilityGrowth: Double     // w10
    let recallMultiplier: PerRating<Double>    // w15 for Hard, w16 for Easy, else 1
    let forgetScale: Double                    // w11
    let forgetDifficultyExponent: Double       // w12
    let forgetStabilityExponent: Double        // w13
    let forgetRetrievabilityGrowth: Double     // w14
    let forgetShortTermDivisor: Double         // e^(w17·w18)
    let shortTermGrowth: PerRating<Double>     // e^(w17·(G − 3 + w18))
    let shortTermStabilityExponent: Double     // w19

    init(weights w: [Double], desiredRetention: Double) {
        decay = -w[20]
        factor = pow(0.9, 1 / decay) - 1
        retentionTerm = pow(desiredRetention, 1 / decay) - 1
        let rawInitialDifficulty = PerRating { w[4] - pow(eulerNumber, w[5] * Double($0.rawValue - 1)) + 1 }
        initialStability = PerRating { max(w[$0.rawValue - 1], minimumStability) }
        initialDifficulty = PerRating { min(max(rawInitialDifficulty[$0], 1.0), 10.0) }
        difficultyStep = PerRating { -(w[6] * Double($0.rawValue - 3)) }
        meanReversionWeight = w[7]
        meanReversionTarget = rawInitialDifficulty[.easy]
        recallGrowth = pow(eulerNumber, w[8])
        recallStabilityExponent = w[9]
        recallRetrievabilityGrowth = w[10]
        recallMultiplier = PerRating { $0 == .hard ? w[15] : $0 == .easy ? w[16] : 1 }
        forgetScale = w[11]
        forgetDifficultyExponent = w[12]
        forgetStabilityExponent = w[13]
        forgetRetrievabilityGrowth = w[14]
        forgetShortTermDivisor = pow(eulerNumber, w[17] * w[18])
        shortTermGrowth = PerRating { pow(eulerNumber, w[17] * (Double($0.rawValue - 3) + w[18])) }
        shortTermStabilityExponent = w[19]
    }

    /// Linear damping towards 10, then mean reversion towards D0(easy).
    @inline(__always)
    func nextDifficulty(_ difficulty: Double, rating: Rating) -> Double {
        let damped = difficulty + (10.0 - difficulty) * difficultyStep[rating] / 9.0
        let reverted = meanReversionWeight * meanReversionTarget + (1 - meanReversionWeight) * damped
        return min(max(reverted, 1.0), 10.0)
    }

    /// Same-day review: S · e^(w17·(G − 3 + w18)) · S^(−w19), never shrinking on a pass.
    @inline(__always)
    func shortTermStability(_ stability: Double, rating: Rating) -> Double {
        var increase = shortTermGrowth[rating] * pow(stability, -shortTermStabilityExponent)
        if rating != .again {
            increase = max(increase, 1.0)
        }
        return max(stability * increase, minimumStability)
    }

    @inline(__always)
    func longTermStability(_ stability: Double, difficulty: Double, retrievability: Double, rating: Rating) -> Double {
        let next: Double
        if rating == .again {
            let longTerm = forgetScale * pow(difficulty, -forgetDifficultyExponent)
                * (pow(stability + 1, forgetStabilityExponent) - 1)
                * pow(eulerNumber, (1 - retrievability) * forgetRetrievabilityGrowth)
            // Forgetting never leaves a card more stable than a same-day lapse would.
            next = min(longTerm, stability / forgetShortTermDivisor)
        } else {
            next = stability * (1 + recallGrowth * (11 - difficulty) * pow(stability, -recallStabilityExponent)
                * (pow(eulerNumber, (1 - retrievability) * recallRetrievabilityGrowth) - 1) * recallMultiplier[rating])
        }
        return max(next, minimumStability)
    }
}

/// One value per rating, without an array's reference counting.
private struct PerRating<Value: Hashable & Sendable>: Hashable, Sendable {
    let again: Value, hard: Value, good: Value, easy: Value

    init(_ value: (Rating) -> Value) {
        again = value(.again)
        hard = value(.hard)
        good = value(.good)
        easy = value(.easy)
    }

    @inline(__always)
    subscript(rating: Rating) -> Value {
        switch rating {
        case .again: again
        case .hard: hard
        case .good: good
        case .easy: easy
        }
    }
}

/// py-fsrs's `STABILITY_MIN`: stability is floored here after every review.
private let minimumStability = 0.001

/// Python's `math.e`. The references compute `math.e ** x`, i.e. `pow(e, x)`, which can differ
/// from `exp(x)` in the last bit; using `pow` keeps results bit-identical.
private let eulerNumber = 2.718281828459045

private typealias Arithmetic = SchedulingArithmetic

extension FSRSScheduler {
    public var settingsFingerprint: String {
        "fsrs-6 weights \(parameters.weights) retention \(desiredRetention) learning \(learningSteps) relearning \(relearningSteps)"
            + " maximum \(maximumIntervalDays) fuzz \(fuzzEnabled)"
    }
}
