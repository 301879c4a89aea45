import Foundation

/// The 21 weights of the FSRS-6 memory model, validated as a whole.
///
/// The defaults are py-fsrs 6.x's `DEFAULT_PARAMETERS` (fitted by the FSRS optimizer on
/// many Anki collections). Bounds are the optimizer's clamps; every weight outside them
/// is reported at once.
///
/// ```swift
/// let tuned = try FSRSParameters(weights: optimizerOutput)   // throws if any weight is off
/// let scheduler = try FSRSScheduler(parameters: tuned, desiredRetention: 0.85)
/// ```
///
/// Weight roles: w0–w3 initial stability per rating; w4–w5 initial difficulty; w6–w7
/// difficulty change and mean reversion; w8–w10 stability growth after recall; w11–w14
/// stability after forgetting; w15 hard penalty; w16 easy bonus; w17–w19 same-day
/// (short-term) stability; w20 the forgetting curve's decay.
public struct FSRSParameters: Hashable, Sendable, Codable {
    /// The weights, w0 to w20.
    public let weights: [Double]

    /// The number of FSRS-6 weights.
    public static let weightCount = 21

    /// py-fsrs 6.x `DEFAULT_PARAMETERS`.
    public static let defaultWeights: [Double] = [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ]

    /// Smallest allowed value of each weight (py-fsrs `LOWER_BOUNDS_PARAMETERS`).
    public static let lowerBounds: [Double] = [
        0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ]

    /// Largest allowed value of each weight (py-fsrs `UPPER_BOUNDS_PARAMETERS`).
    public static let upperBounds: [Double] = [
        100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
        5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
    ]

    /// The default FSRS-6 weights.
    public static let `default` = FSRSParameters(unchecked: defaultWeights)

    /// Validates all 21 weights, reporting every out-of-range one together.
    public init(weights: [Double]) throws(SchedulerConfigurationError) {
        if let error = Self.validate(weights) { throw error }
        self.weights = weights
    }

    private init(unchecked weights: [Double]) {
        self.weights = weights
    }

    /// Every problem with `weights`, or `nil` when they are usable.
    static func validate(_ weights: [Double]) -> SchedulerConfigurationError? {
        guard weights.count == weightCount else {
            return .wrongWeightCount(expected: weightCount, actual: weights.count)
        }
        var validator = SchedulerConfigurationValidator()
        for index in weights.indices {
            let allowed = lowerBounds[index]...upperBounds[index]
            // `contains` is false for NaN, which therefore is reported too.
            validator.check(
                allowed.contains(weights[index]),
                .weightOutOfRange(index: index, value: weights[index], allowed: allowed)
            )
        }
        return .combining(validator.problems)
    }

    private enum CodingKeys: String, CodingKey { case weights }

    /// Decoding validates like `init(weights:)`, so a stored configuration cannot smuggle
    /// in weights the scheduler would misbehave with.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(weights: container.decode([Double].self, forKey: .weights))
    }
}
